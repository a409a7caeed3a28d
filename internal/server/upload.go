package server

import (
	"errors"
	"io"
	"mime/multipart"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// upload is a request's multipart body: files in a temporary folder,
// removed by remove, and the small form fields.
type upload struct {
	dir    string
	files  map[string]*part
	fields map[string]string
	// release frees the upload's place among the uploads in flight.
	release func()
}

// part is an uploaded file.
type part struct {
	path string // the temporary file
	name string // the name the user gave it, made safe
	size int64
	// format is the format detected when the part's cost was reckoned
	// (Server.cost), "" when it was not: the run reads the part as that
	// format instead of detecting it a second time.
	format string
}

// fileParts are the parts kept as files; other parts are form fields (a
// profile may be a built-in name or an uploaded profile file).
var fileParts = map[string]bool{"file": true, "agreement": true, "profile": true, "mapping": true, "header": true}

// maxField bounds a form field's value.
const maxField = 4 << 10

// remove deletes the upload's files and frees its place.
func (u *upload) remove() {
	if u == nil {
		return
	}
	if u.dir != "" {
		os.RemoveAll(u.dir)
	}
	if u.release != nil {
		u.release()
		u.release = nil
	}
}

func (u *upload) field(name string) string { return strings.TrimSpace(u.fields[name]) }

// receive streams the request's multipart body into a temporary folder.
// The caller removes it (defer u.remove(), which also runs on a panic or a
// timeout) even when receive fails.
func (s *Server) receive(w http.ResponseWriter, r *http.Request, lang string) (*upload, error) {
	u := &upload{files: map[string]*part{}, fields: map[string]string{}}
	// Uploads in flight are bounded too, so that slow or many clients
	// cannot fill the disk with files that wait for a slot.
	select {
	case s.uploads <- struct{}{}:
		u.release = func() { <-s.uploads }
	default:
		w.Header().Set("Connection", "close")
		return u, &httpError{status: http.StatusServiceUnavailable, msg: msg(lang, "busy", retryAfter), retryAfter: retryAfter}
	}
	r.Body = http.MaxBytesReader(w, r.Body, s.cfg.MaxUpload)
	mr, err := r.MultipartReader()
	if err != nil {
		return u, errorf(http.StatusBadRequest, msg(lang, "notMultipart"))
	}
	for {
		p, err := mr.NextPart()
		if err == io.EOF {
			return u, nil
		}
		if err != nil {
			return u, s.bodyError(err, lang)
		}
		name := p.FormName()
		if fileParts[name] && p.FileName() != "" {
			if _, dup := u.files[name]; !dup {
				err = s.saveFile(u, name, p)
			}
		} else if _, dup := u.fields[name]; !dup && name != "" {
			var b []byte
			b, err = io.ReadAll(io.LimitReader(p, maxField))
			u.fields[name] = string(b)
		}
		if err == nil {
			_, err = io.Copy(io.Discard, p) // the rest of a duplicate or an overlong field
		}
		p.Close()
		if err != nil {
			return u, s.bodyError(err, lang)
		}
	}
}

func (s *Server) saveFile(u *upload, name string, p *multipart.Part) error {
	if u.dir == "" {
		var err error
		if u.dir, err = s.tempDir(); err != nil {
			return err
		}
	}
	f, err := os.Create(filepath.Join(u.dir, name))
	if err != nil {
		return err
	}
	n, err := io.Copy(f, p)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	u.files[name] = &part{path: f.Name(), name: safeName(p.FileName(), name), size: n}
	return err
}

// bodyError turns an error reading the body into the answer it deserves.
func (s *Server) bodyError(err error, lang string) error {
	var tooBig *http.MaxBytesError
	switch {
	case errors.As(err, &tooBig):
		return errorf(http.StatusRequestEntityTooLarge, msg(lang, "tooLarge", FormatSize(s.cfg.MaxUpload)))
	case errors.Is(err, os.ErrDeadlineExceeded):
		return errorf(http.StatusRequestTimeout, msg(lang, "timeout", s.cfg.Timeout))
	}
	var pe *os.PathError
	if errors.As(err, &pe) {
		return errorf(http.StatusInternalServerError, msg(lang, "internal", err))
	}
	return errorf(http.StatusBadRequest, msg(lang, "badMultipart", err))
}

// safeName is the base of an uploaded file's name without control
// characters and path separators, at most 200 bytes; it names the file in
// reports and in the converted file's name.
func safeName(name, def string) string {
	name = filepath.Base(strings.ReplaceAll(name, `\`, "/"))
	name = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || r == '/' || r == '"' || r == unicode.ReplacementChar {
			return -1
		}
		return r
	}, name)
	name = strings.TrimSpace(name)
	for len(name) > 200 {
		_, size := utf8.DecodeLastRuneInString(name)
		name = name[:len(name)-size]
	}
	if name == "" || name == "." || name == ".." {
		return def
	}
	return name
}

// FormatSize writes a byte count for people: 64 MiB, 500 KB.
func FormatSize(n int64) string {
	switch {
	case n >= 1<<30 && n%(1<<30) == 0:
		return strconv.FormatInt(n>>30, 10) + " GiB"
	case n >= 1<<20 && n%(1<<20) == 0:
		return strconv.FormatInt(n>>20, 10) + " MiB"
	case n >= 1<<10 && n%(1<<10) == 0:
		return strconv.FormatInt(n>>10, 10) + " KiB"
	}
	return strconv.FormatInt(n, 10) + " bytes"
}
