// Package compare checks a catalogue against its agreement.
package compare
