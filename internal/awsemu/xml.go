package awsemu

import (
	"encoding/xml"
	"net/http"
	"strconv"
	"strings"
)

// doc builds an XML document.
type doc struct{ b strings.Builder }

func esc(s string) string {
	var b strings.Builder
	_ = xml.EscapeText(&b, []byte(s))
	return b.String()
}

// open starts element name, with raw attributes ("xmlns=\"...\"").
func (d *doc) open(name string, attrs ...string) *doc {
	d.b.WriteString("<" + name)
	for _, a := range attrs {
		d.b.WriteString(" " + a)
	}
	d.b.WriteString(">")
	return d
}

func (d *doc) close(name string) *doc {
	d.b.WriteString("</" + name + ">")
	return d
}

// leaf writes <name>value</name>.
func (d *doc) leaf(name, value string) *doc {
	d.b.WriteString("<" + name + ">" + esc(value) + "</" + name + ">")
	return d
}

// opt writes a leaf when value is not empty.
func (d *doc) opt(name, value string) *doc {
	if value != "" {
		d.leaf(name, value)
	}
	return d
}

func (d *doc) boolean(name string, v bool) *doc { return d.leaf(name, strconv.FormatBool(v)) }

func (d *doc) num(name string, v int) *doc { return d.leaf(name, strconv.Itoa(v)) }

// list writes <name><item>...</item>...</name> (item "item" for EC2,
// "member" for awsQuery).
func (d *doc) list(name, item string, n int, each func(i int)) *doc {
	d.open(name)
	for i := 0; i < n; i++ {
		d.open(item)
		each(i)
		d.close(item)
	}
	return d.close(name)
}

func (d *doc) write(w http.ResponseWriter) {
	w.Header().Set("Content-Type", "text/xml;charset=UTF-8")
	_, _ = w.Write([]byte(`<?xml version="1.0" encoding="UTF-8"?>` + "\n" + d.b.String()))
}
