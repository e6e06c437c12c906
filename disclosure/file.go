package disclosure

import (
	"path"
	"strings"
	"time"
	"unicode/utf8"

	"coso"
	"coso/upload"
	"coso/viet"
)

// FileKind says what a stored file is to a disclosure.
type FileKind string

const (
	Attachment FileKind = "attachment" // part of the published information
	Evidence   FileKind = "evidence"   // proof that a channel was used (a photo of the notice board)
)

// MaxFileSize bounds one uploaded file. Every request body is bounded at
// 10 MB by the server, so a file leaves room for the rest of the form; a
// scanned decision of a few pages is 1–5 MB.
const MaxFileSize = 9 << 20

// File is an uploaded file: an attachment or a piece of evidence.
type File struct {
	ID           int64
	DisclosureID int64
	Kind         FileKind
	Name         string // the name it was uploaded with, cleaned
	Type         string // the media type found from its content
	Size         int64
	SHA256       string // hex; the file is stored under this name
	Text         string // text extracted for search (PDF), may be empty
	CreatedAt    time.Time
}

// IsImage tells whether the file can be shown inline as a picture.
func (f *File) IsImage() bool { return strings.HasPrefix(f.Type, "image/") }

// fileType is one kind of file people may upload, recognised by content.
type fileType struct {
	Type  string
	Ext   []string
	Label string
}

// Accepted file types: documents people can open on a phone or office
// computer, and photos. Anything else (HTML, scripts, executables, SVG,
// which can carry scripts) is refused whatever its name says.
var fileTypes = []fileType{
	{"application/pdf", []string{".pdf"}, "PDF"},
	{"image/jpeg", []string{".jpg", ".jpeg"}, "JPEG"},
	{"image/png", []string{".png"}, "PNG"},
	{"image/webp", []string{".webp"}, "WebP"},
	{"image/gif", []string{".gif"}, "GIF"},
	{"application/vnd.openxmlformats-officedocument.wordprocessingml.document", []string{".docx"}, "Word"},
	{"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", []string{".xlsx"}, "Excel"},
	{"application/vnd.openxmlformats-officedocument.presentationml.presentation", []string{".pptx"}, "PowerPoint"},
	{"application/vnd.oasis.opendocument.text", []string{".odt"}, "ODT"},
	{"application/vnd.oasis.opendocument.spreadsheet", []string{".ods"}, "ODS"},
	{"application/msword", []string{".doc"}, "Word 97–2003"},
	{"application/vnd.ms-excel", []string{".xls"}, "Excel 97–2003"},
}

// AcceptedExtensions lists the extensions of accepted types, for the
// upload form's hint.
func AcceptedExtensions() string {
	var exts []string
	for _, t := range fileTypes {
		exts = append(exts, t.Ext...)
	}
	return strings.Join(exts, ", ")
}

// Sniff finds the type of an uploaded file from its bytes, never from its
// name (package upload), and accepts it if it is one of fileTypes.
func Sniff(name string, data []byte) (string, error) {
	if len(data) == 0 {
		return "", coso.Invalid("file", "Tệp trống.", "The file is empty.")
	}
	if len(data) > MaxFileSize {
		return "", coso.Invalid("file", "Tệp lớn quá %d MB.", "The file is larger than %d MB.", MaxFileSize>>20)
	}
	ct := upload.Detect(name, data)
	for _, t := range fileTypes {
		if ct != "" && t.Type == ct {
			return ct, nil
		}
	}
	return "", coso.Invalid("file", "Loại tệp không được chấp nhận. Chấp nhận: %s.", "This kind of file is not accepted. Accepted: %s.", AcceptedExtensions())
}

// CleanName makes an uploaded file's name safe to show and to send back
// in a Content-Disposition header: no directories, no control characters,
// at most 120 characters, and the extension of its real type.
func CleanName(name, typ string) string {
	name = path.Base(strings.ReplaceAll(name, "\\", "/"))
	name = strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f || r == '"' || r == '/' {
			return -1
		}
		return r
	}, viet.NFC(name))
	ext := strings.ToLower(path.Ext(name))
	base := strings.TrimSuffix(name, path.Ext(name))
	want := ""
	for _, t := range fileTypes {
		if t.Type == typ {
			want = t.Ext[0]
			for _, e := range t.Ext {
				if e == ext {
					want = e
				}
			}
		}
	}
	if base == "" || base == "." {
		base = "tep"
	}
	for utf8.RuneCountInString(base) > 120 {
		r := []rune(base)
		base = string(r[:120])
	}
	return base + want
}
