package petition

import (
	"path"
	"strings"
	"time"
	"unicode/utf8"

	"coso"
	"coso/upload"
	"coso/viet"
)

// File is a photo or document sent with a case, or the scan of a paper
// letter. Its bytes are stored sealed like the sender's identity: a letter
// carries its writer's name and handwriting (Law on Denunciations ch. VI).
type File struct {
	ID        int64
	CaseID    int64
	Name      string // the name it came with, cleaned
	Type      string // found from its content
	Size      int64
	CreatedAt time.Time
}

// Bounds of attachments. Every request body is bounded at 10 MB by the
// server, so the files of one form stay under that together.
const (
	MaxFileSize = 4 << 20 // one file: a phone photo or a few scanned pages
	MaxFiles    = 5
	MaxTotal    = 9 << 20
)

// fileTypes are the accepted types: photos and documents a phone or an
// office computer opens. Anything else (HTML, SVG, scripts, executables)
// is refused whatever its name says.
var fileTypes = []struct {
	Type string
	Ext  string
}{
	{"application/pdf", ".pdf"},
	{"image/jpeg", ".jpg"},
	{"image/png", ".png"},
	{"image/webp", ".webp"},
	{"image/gif", ".gif"},
	{"application/vnd.openxmlformats-officedocument.wordprocessingml.document", ".docx"},
	{"application/vnd.oasis.opendocument.text", ".odt"},
}

// AcceptedExtensions lists the accepted extensions, for the form's hint.
func AcceptedExtensions() string {
	var exts []string
	for _, t := range fileTypes {
		exts = append(exts, t.Ext)
	}
	return strings.Join(exts, ", ")
}

// Sniff finds the type of an uploaded file from its bytes, never from its
// name, and checks its size.
func Sniff(data []byte) (string, error) {
	if len(data) == 0 {
		return "", coso.Invalid("files", "Tệp trống.", "The file is empty.")
	}
	if len(data) > MaxFileSize {
		return "", coso.Invalid("files", "Mỗi tệp tối đa %d MB.", "Each file may be at most %d MB.", MaxFileSize>>20)
	}
	// The name plays no part here: old .doc and .xls, which only a name
	// tells apart, are not accepted for cases.
	ct := upload.Detect("", data)
	for _, t := range fileTypes {
		if ct != "" && t.Type == ct {
			return ct, nil
		}
	}
	return "", coso.Invalid("files", "Loại tệp không được chấp nhận. Chấp nhận: %s.", "This kind of file is not accepted. Accepted: %s.", AcceptedExtensions())
}

// CheckFiles checks the number and total size of a case's files.
func CheckFiles(sizes []int) error {
	if len(sizes) > MaxFiles {
		return coso.Invalid("files", "Tối đa %d tệp.", "At most %d files.", MaxFiles)
	}
	total := 0
	for _, n := range sizes {
		total += n
	}
	if total > MaxTotal {
		return coso.Invalid("files", "Tổng dung lượng các tệp tối đa %d MB.", "The files may total at most %d MB.", MaxTotal>>20)
	}
	return nil
}

// CleanName makes an uploaded file's name safe to show and to send back in
// a Content-Disposition header, with the extension of its real type.
func CleanName(name, typ string) string {
	name = path.Base(strings.ReplaceAll(name, "\\", "/"))
	name = strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f || r == '"' || r == '/' || r == ';' {
			return -1
		}
		return r
	}, viet.NFC(name))
	base := strings.TrimSuffix(name, path.Ext(name))
	if base == "" || base == "." {
		base = "tep"
	}
	for utf8.RuneCountInString(base) > 100 {
		base = string([]rune(base)[:100])
	}
	ext := ""
	for _, t := range fileTypes {
		if t.Type == typ {
			ext = t.Ext
		}
	}
	return base + ext
}
