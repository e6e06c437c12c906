package render

import (
	"strings"
	"unicode"
)

// blockKind is what a block of the Markdown-like body text is.
type blockKind int

const (
	paragraph blockKind = iota
	heading
	listItem
)

// block is a paragraph, a heading or one list item.
type block struct {
	kind   blockKind
	marker string // "•" or "1." for list items
	text   string
}

// parseBlocks reads the small part of Markdown a notice needs: blank lines
// separate paragraphs, a line's break inside a paragraph is a space, lines
// starting "- ", "* " or "+ " are bullets, "1. ", "1) " or "a) " numbered items,
// "# " headings. Anything else, HTML included, is text.
func parseBlocks(s string) []block {
	var blocks []block
	open := false // whether the last block takes continuation lines
	for _, line := range strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n") {
		line = strings.TrimSpace(line)
		if line == "" {
			open = false
			continue
		}
		b, starts := startBlock(line)
		if !starts && open {
			blocks[len(blocks)-1].text += " " + line
			continue
		}
		blocks = append(blocks, b)
		open = b.kind != heading
	}
	return blocks
}

// startBlock says what block a line opens; a plain line opens a paragraph
// only if it does not continue the one before.
func startBlock(line string) (block, bool) {
	switch {
	case strings.HasPrefix(line, "#"):
		return block{kind: heading, text: strings.TrimSpace(strings.TrimLeft(line, "#"))}, true
	case len(line) > 2 && strings.ContainsRune("-*+", rune(line[0])) && line[1] == ' ':
		return block{kind: listItem, marker: "•", text: strings.TrimSpace(line[2:])}, true
	}
	if n := numberedMarker(line); n != "" {
		return block{kind: listItem, marker: n, text: strings.TrimSpace(line[len(n):])}, true
	}
	return block{kind: paragraph, text: line}, false
}

// numberedMarker returns "12." of "12. text", "12)" of "12) text" and
// "a)" of "a) text" (the points of a clause in legal writing), else "".
func numberedMarker(line string) string {
	i := strings.IndexFunc(line, func(r rune) bool { return !unicode.IsDigit(r) })
	if i == 0 && len(line) > 1 && line[0] >= 'a' && line[0] <= 'z' && line[1] == ')' {
		i = 1
	}
	if i < 1 || i > 3 || i+1 >= len(line) || (line[i] != '.' && line[i] != ')') || line[i+1] != ' ' {
		return ""
	}
	if line[0] >= 'a' && line[i] == '.' {
		return "" // "a. b" is a sentence, not a point
	}
	return line[:i+1]
}
