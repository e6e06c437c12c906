package render_test

import (
	"bytes"
	"encoding/xml"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"coso/render"
)

// Participation of a consultation by village, as a dashboard shows it.
func sampleChart() []byte {
	return render.BarChart("Số ý kiến theo thôn, bản <2026>",
		[]string{"Bản Pha Đanh", "Bản Mường Chanh", "Khu phố Đoàn Kết & Tân Lập", "Bản Quang Chiểu"},
		[]float64{128, 1250, 62.5, 0})
}

func TestBarChartGolden(t *testing.T) {
	got := sampleChart()
	path := filepath.Join("testdata", "barchart.svg")
	if os.Getenv("COSO_UPDATE_GOLDEN") != "" {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (regenerate with COSO_UPDATE_GOLDEN=1 go test ./render -run BarChartGolden)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("the bar chart differs from %s (regenerate with COSO_UPDATE_GOLDEN=1 if the change is meant):\n%s", path, got)
	}
}

// The chart is well-formed XML, titled, with every label and value as
// text a screen reader reaches, and no style a strict CSP would block.
func TestBarChartAccessible(t *testing.T) {
	svg := sampleChart()
	texts, titles := map[string]bool{}, []string{}
	dec := xml.NewDecoder(bytes.NewReader(svg))
	var stack []string
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("not well-formed: %v", err)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			stack = append(stack, tok.Name.Local)
			for _, a := range tok.Attr {
				if a.Name.Local == "style" || strings.HasPrefix(a.Name.Local, "on") {
					t.Errorf("<%s> has attribute %s", tok.Name.Local, a.Name.Local)
				}
			}
			if tok.Name.Local == "style" || tok.Name.Local == "script" {
				t.Errorf("the chart holds a <%s>", tok.Name.Local)
			}
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		case xml.CharData:
			if len(stack) == 0 {
				continue
			}
			switch stack[len(stack)-1] {
			case "text":
				texts[string(tok)] = true
			case "title":
				titles = append(titles, string(tok))
			}
		}
	}
	if len(titles) == 0 || titles[0] != "Số ý kiến theo thôn, bản <2026>" {
		t.Errorf("titles %q", titles)
	}
	for _, want := range []string{"Bản Pha Đanh", "Khu phố Đoàn Kết & Tân Lập", "128", "1.250", "62,5", "0"} {
		if !texts[want] {
			t.Errorf("no <text> %q", want)
		}
	}
	if !bytes.Contains(svg, []byte(`role="img"`)) || !bytes.Contains(svg, []byte("<desc")) {
		t.Error("the chart lacks role=img or a description")
	}
}

func TestBarChartOddInput(t *testing.T) {
	svg := string(render.BarChart("x", []string{"a"}, []float64{-5, 3}))
	if !strings.Contains(svg, "<title>: 3</title>") || !strings.Contains(svg, ">-5<") {
		t.Errorf("unpaired or negative values:\n%s", svg)
	}
	if empty := string(render.BarChart("Trống", nil, nil)); !strings.Contains(empty, "Trống") {
		t.Errorf("empty chart:\n%s", empty)
	}
}
