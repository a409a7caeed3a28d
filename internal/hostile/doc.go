// Package hostile holds the tests of ekatalog against inputs built to hurt:
// entity bombs, external entities, deep nesting, ZIP bombs, endless fields
// and lines, broken encodings, NUL bytes, a header of 100,000 columns, a
// workbook of 1,000 sheets. Each runs the real binary as a separate process
// and checks what a user would see: a clear error naming the file (exit 2)
// or findings (exit 1), never a panic, never "compliant", within bounded
// time and memory.
package hostile
