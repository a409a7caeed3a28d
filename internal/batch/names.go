package batch

import (
	"errors"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/ekatalog/ekatalog/formats"
)

// Input is one file to convert.
type Input struct {
	// Path is where the file is read from.
	Path string
	// Key names the input inside the batch, slash-separated: the path
	// below the folder it was found in, or the base name of a file given
	// by itself. Output names are made from it.
	Key string
}

// Extensions are the file name endings that make a file in a folder an
// input: every format's, and .xls, which is reported as needing a save as
// .xlsx rather than passed over in silence.
func Extensions() []string {
	var exts []string
	for _, f := range formats.Formats {
		exts = append(exts, f.Extensions...)
	}
	return append(exts, ".xls")
}

// Collect lists the inputs the arguments name: files as given, folders
// recursively (files with a catalogue extension), skipping hidden files and
// folders and the output folder out. The list is sorted by key and path;
// a file named twice is listed once.
func Collect(args []string, out string) ([]Input, error) {
	exts := Extensions()
	outInfo, _ := os.Stat(out)
	outAbs, _ := filepath.Abs(out)
	seen := map[string]bool{}
	var inputs []Input
	add := func(p, key string) {
		abs, err := filepath.Abs(p)
		if err != nil {
			abs = p
		}
		if seen[abs] {
			return
		}
		seen[abs] = true
		inputs = append(inputs, Input{Path: p, Key: key})
	}
	for _, arg := range args {
		st, err := os.Stat(arg)
		if err != nil || !st.IsDir() {
			// A file, or a name that cannot be read: the run reports it.
			add(arg, filepath.Base(arg))
			continue
		}
		err = filepath.WalkDir(arg, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				if p == arg {
					return err
				}
				add(p, relKey(arg, p)) // reported as unreadable
				return nil
			}
			if p != arg && strings.HasPrefix(d.Name(), ".") {
				if d.IsDir() {
					return filepath.SkipDir
				}
				return nil
			}
			if d.IsDir() {
				if isOut(p, outInfo, outAbs) {
					return filepath.SkipDir
				}
				return nil
			}
			if !d.Type().IsRegular() && d.Type()&fs.ModeSymlink == 0 {
				return nil
			}
			if slices.Contains(exts, strings.ToLower(filepath.Ext(p))) {
				add(p, relKey(arg, p))
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	slices.SortStableFunc(inputs, func(a, b Input) int {
		if c := strings.Compare(a.Key, b.Key); c != 0 {
			return c
		}
		return strings.Compare(a.Path, b.Path)
	})
	return inputs, nil
}

func relKey(root, p string) string {
	rel, err := filepath.Rel(root, p)
	if err != nil {
		return filepath.Base(p)
	}
	return filepath.ToSlash(rel)
}

func isOut(p string, outInfo os.FileInfo, outAbs string) bool {
	if outInfo != nil {
		if st, err := os.Stat(p); err == nil && os.SameFile(st, outInfo) {
			return true
		}
	}
	abs, err := filepath.Abs(p)
	return err == nil && abs == outAbs
}

// Reserved are the names the batch itself writes in the output folder.
var Reserved = []string{"summary.json", "index.html"}

// Names are the files made for one input, slash-separated and relative to
// the output folder.
type Names struct {
	Output, Report string
}

// Plan names the outputs of every input: the key without its extension,
// its folders joined with "__" (the output folder is flat, so a file name
// never meets a folder name), every part made safe, with the target's and
// the report's extensions. No name can leave the output folder; names that
// would collide (also when only their case differs) get "~2", "~3", … in
// input order, so the same inputs always get the same names.
func Plan(inputs []Input, targetExt, reportExt string) ([]Names, error) {
	taken := map[string]bool{}
	for _, r := range Reserved {
		taken[r] = true
	}
	names := make([]Names, len(inputs))
	for i, in := range inputs {
		stem := safeStem(in.Key)
		for n := 1; ; n++ {
			s := stem
			if n > 1 {
				s += "~" + strconv.Itoa(n)
			}
			out, rep := s+targetExt, s+".report"+reportExt
			if taken[strings.ToLower(out)] || taken[strings.ToLower(rep)] {
				continue
			}
			taken[strings.ToLower(out)], taken[strings.ToLower(rep)] = true, true
			names[i] = Names{Output: out, Report: rep}
			break
		}
		for _, p := range []string{names[i].Output, names[i].Report} {
			if !filepath.IsLocal(p) || strings.ContainsAny(p, `/\`) {
				return nil, errors.New("output name " + strconv.Quote(p) + " would leave the output folder")
			}
		}
	}
	return names, nil
}

// safeStem turns a key into a plain file name without its extension: its
// segments joined by "__", each without "..", a leading dot, characters
// that file systems refuse, a drive or a root.
func safeStem(key string) string {
	key = strings.ReplaceAll(key, "\\", "/")
	var segs []string
	for _, s := range strings.Split(key, "/") {
		if s == "" || s == "." || s == ".." {
			continue // never up, never a step that leads nowhere
		}
		segs = append(segs, safeSegment(s))
	}
	if len(segs) == 0 {
		return "_"
	}
	last := segs[len(segs)-1]
	if ext := path.Ext(last); ext != "" && ext != last {
		last = strings.TrimRight(strings.TrimSuffix(last, ext), ". ")
		if last == "" {
			last = "_"
		}
	}
	segs[len(segs)-1] = last
	return strings.Join(segs, "__")
}

var windowsReserved = []string{"con", "prn", "aux", "nul", "com1", "com2", "com3", "com4", "com5", "com6",
	"com7", "com8", "com9", "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9"}

func safeSegment(s string) string {
	s = strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f || strings.ContainsRune(`/\:*?"<>|`, r) {
			return '_'
		}
		return r
	}, s)
	s = strings.Trim(s, " .")
	if s == "" {
		return "_"
	}
	base := strings.ToLower(s)
	if i := strings.IndexByte(base, '.'); i >= 0 {
		base = base[:i]
	}
	if slices.Contains(windowsReserved, base) {
		s = "_" + s
	}
	return s
}
