// Package upload recognises the kind of an uploaded file from its bytes,
// never from its name, for every part that takes files (disclosures,
// petitions, consultations). Each part keeps its own list of what it
// accepts and its own size limits.
package upload

import (
	"archive/zip"
	"bytes"
	"net/http"
	"path"
	"strings"
)

// Office document types recognised inside ZIP packages and OLE files.
const (
	DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
	XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
	PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
	ODT  = "application/vnd.oasis.opendocument.text"
	ODS  = "application/vnd.oasis.opendocument.spreadsheet"
	DOC  = "application/msword"
	XLS  = "application/vnd.ms-excel"
)

// Detect returns the type of data: PDF and images as
// http.DetectContentType knows them; Office Open XML and OpenDocument
// packages by the parts inside them; OLE compound files (old .doc and
// .xls), whose kind only the name tells. It returns "" for anything else.
func Detect(name string, data []byte) string {
	ct := http.DetectContentType(data)
	if i := strings.IndexByte(ct, ';'); i >= 0 {
		ct = ct[:i]
	}
	switch ct {
	case "application/pdf", "image/jpeg", "image/png", "image/webp", "image/gif":
		return ct
	case "application/zip":
		return officeZip(data)
	}
	if bytes.HasPrefix(data, oleMagic) {
		switch strings.ToLower(path.Ext(name)) {
		case ".doc":
			return DOC
		case ".xls":
			return XLS
		}
	}
	return ""
}

// oleMagic begins every OLE compound file (Word 97–2003, Excel 97–2003).
var oleMagic = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}

// officeZip recognises an Office Open XML or OpenDocument package.
func officeZip(data []byte) string {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return ""
	}
	for _, f := range zr.File {
		switch {
		case f.Name == "mimetype":
			rc, err := f.Open()
			if err != nil {
				return ""
			}
			b := make([]byte, 100)
			n, _ := rc.Read(b)
			_ = rc.Close()
			if m := string(b[:n]); m == ODT || m == ODS {
				return m
			}
		case strings.HasPrefix(f.Name, "word/"):
			return DOCX
		case strings.HasPrefix(f.Name, "xl/"):
			return XLSX
		case strings.HasPrefix(f.Name, "ppt/"):
			return PPTX
		}
	}
	return ""
}
