#!/usr/bin/env python3
"""Benchmark floor: write a Hugo site that renders the same portraits, from the same figures, as a
site built by portraits.

Usage: hugo_floor.py SITE_DIR HUGO_DIR

SITE_DIR is a built site (read only). Each portrait page SITE_DIR/<level>/<code>/<period>.html has
its figures beside it: <period>.csv (the page's tables), mutations-<period>.csv (transitions between
classes over the period; absent for a single year) and, shared by the pages of a territory,
stock-toutes-classes.csv (surface of every class at every level, dimension and millésime).

HUGO_DIR is deleted and recreated with config.toml, one content/<level>/<code>/<period>.md per
portrait (its tables and mutations in JSON front matter), one data/stock/<level>/<code>.json per
territory (its stock, read by the template with `index`) and layouts that render, per page and in
the Go templates: the tables with an SVG bar chart per numeric column; per dimension and level of
the stock, grouped bars per millésime, stacked composition bars, its table, and the change over the
page's period as diverging bars and a table; per dimension and level of the mutations, an SVG
heat-map matrix (cell colour computed from the value) and the matrix as a table with totals. Every
page also carries, once, the block of SVG glyph outlines (<symbol>s) copied from the one of our
pages closest to our median size, as ours carry such a block (not used by Hugo's <text> labels).
No locator map: ours inline it and it is not available as a file.
Prints: pages=<n> content_bytes=<b> (content and data files) our_pages_median_bytes=<b>
"""
import csv
import json
import os
import re
import shutil
import statistics
import sys

PERIOD = re.compile(r"^\d{4}(-\d{4})?$")
NUMBER = re.compile(r"^-?\d+(,\d+)?$")

CONFIG = """\
baseURL = "https://portraits.example.org/"
languageCode = "fr"
defaultContentLanguage = "fr"
title = "Portraits de territoires — plancher Hugo"
# One html file per content file: content/commune/08001/2019-2021.md -> commune/08001/2019-2021.html
uglyURLs = true
# Render the portrait pages only: no home, section lists, taxonomies, feeds, sitemap, robots or 404.
disableKinds = ["home", "section", "taxonomy", "term", "RSS", "sitemap", "robotsTXT", "404"]
"""

# Base template: head, header with search and navigation, footer with the sources (as our pages).
BASEOF = """\
<!DOCTYPE html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ .Title }} · {{ .Site.Title }}</title>
<meta name="description" content="Portrait de l’occupation du sol de {{ .Params.territory }}, période {{ replace .Params.period "-" "–" }}.">
<link rel="canonical" href="{{ .Permalink }}">
<link rel="stylesheet" href="{{ "style.css" | relURL }}">
</head>
<body>
<a class="skip" href="#contenu">Aller au contenu</a>
<header class="site-header">
  <div class="wrap">
    <a class="brand" href="{{ "index.html" | relURL }}">{{ .Site.Title }}</a>
    <form class="search" role="search" action="{{ "recherche.html" | relURL }}" method="get">
      <label for="recherche-q">Rechercher un territoire</label>
      <input id="recherche-q" name="q" type="text" autocomplete="off" placeholder="Nom, code INSEE ou SIREN, code postal">
      <button type="submit">Rechercher</button>
    </form>
    <nav aria-label="Navigation principale">
      <ul>
        {{- range site.Data.levels }}
        <li><a href="{{ printf "%s/index.html" .level | relURL }}"{{ if eq .level $.Params.level }} aria-current="true"{{ end }}>{{ .name }}</a></li>
        {{- end }}
        <li><a href="{{ "comparer.html" | relURL }}">Comparer</a></li>
        <li><a href="{{ "donnees/index.html" | relURL }}">Données</a></li>
        <li><a href="{{ "doc/a-propos.html" | relURL }}">À propos</a></li>
        <li><a href="{{ "doc/methode.html" | relURL }}">Méthode de calcul</a></li>
        <li><a href="{{ "doc/donnees.html" | relURL }}">Données et licences</a></li>
        <li><a href="{{ "doc/guide.html" | relURL }}">Guide d’utilisation</a></li>
      </ul>
    </nav>
  </div>
</header>
<main id="contenu" class="wrap">
{{ partial "glyphs.html" . }}
{{ block "main" . }}{{ end }}
</main>
<footer class="site-footer">
  <div class="wrap">
    {{ range .Params.sources }}<p>{{ . }}</p>{{ end }}
    <p>Site généré par <em>Hugo</em> (plancher de comparaison). Toutes les surfaces sont en hectares (ha).</p>
  </div>
</footer>
</body>
</html>
"""

# Page body: breadcrumb, title, then per table a chart per numeric column, a sentence per row and
# the full data table. Column indexes come from JSON (float64), hence `int`. Numbers are written the
# French way ($fr: minus sign, decimal comma, narrow no-break space between thousands).
SINGLE = """\
{{ define "main" }}
{{- $p := .Params }}{{ $fr := "−|,|\u202f" }}
<nav class="breadcrumb" aria-label="Fil d’Ariane">
  <ol>
    <li><a href="{{ "index.html" | relURL }}">Accueil</a></li>
    <li><a href="{{ printf "%s/index.html" $p.level | relURL }}">{{ $p.level_name }}</a></li>
    <li><a href="{{ printf "%s/%s/explorateur.html" $p.level $p.code | relURL }}">{{ $p.territory }}</a></li>
    <li aria-current="page">{{ replace $p.period "-" "–" }}</li>
  </ol>
</nav>
<h1>{{ $p.territory }} <small>{{ $p.level }} {{ $p.code }} · {{ replace $p.period "-" "–" }}</small></h1>
{{- range $t, $table := $p.tables }}
{{- $lab := int $table.label }}{{ $label := index $table.header $lab }}
<section id="tableau-{{ $t }}" aria-labelledby="titre-{{ $t }}">
<h2 id="titre-{{ $t }}">Tableau {{ add $t 1 }} : {{ len $table.rows }} lignes par {{ $label }}</h2>
{{- range $table.numeric }}
{{ partial "bars.html" (dict "table" $table "col" (int .) "id" (printf "graphique-%d-%d" $t (int .))) }}
{{- end }}
<ul class="phrases">
{{- range $row := $table.rows }}
<li>{{ $label | humanize }} « {{ index $row $lab }} » :
{{- range $i, $c := $table.numeric }}{{ if $i }} ;{{ end }} {{ replace (index $table.header (int $c)) "_" " " }} {{ lang.FormatNumberCustom 2 (index $row (int $c)) $fr "|" }}{{ end }}.</li>
{{- end }}
</ul>
<table>
<caption>Données du tableau {{ add $t 1 }}</caption>
<thead><tr>{{ range $table.header }}<th scope="col">{{ . }}</th>{{ end }}</tr></thead>
<tbody>
{{- range $table.rows }}
<tr>{{ range . }}{{ if eq (printf "%T" .) "float64" }}<td class="num">{{ lang.FormatNumberCustom 2 . $fr "|" }}</td>{{ else }}<td>{{ . }}</td>{{ end }}{{ end }}</tr>
{{- end }}
</tbody>
</table>
</section>
{{- end }}
{{- /* Stock of the territory, shared by its pages: data/stock/<level>/<code>.json. */}}
{{- with index site.Data.stock $p.level $p.code }}{{ $years := .millesimes }}
<section id="stock" aria-labelledby="titre-stock">
<h2 id="titre-stock">Occupation du sol en {{ delimit $years ", " " et " }}, toutes classes</h2>
{{- range $g, $group := .groups }}
{{ partial "stock.html" (dict "group" $group "years" $years "period" $p.period "id" (printf "stock-%d" $g)) }}
{{- end }}
</section>
{{- end }}
{{- with $p.mutations }}{{ $m := . }}
<section id="mutations" aria-labelledby="titre-mutations">
<h2 id="titre-mutations">Mutations entre classes, {{ .from }}–{{ .to }}</h2>
{{- range $g, $group := .groups }}
{{ partial "mutations.html" (dict "group" $group "m" $m "id" (printf "mutations-%d" $g)) }}
{{- end }}
</section>
{{- end }}
{{ end }}
"""

# Per dimension and level of the stock (data shared by the pages of a territory): grouped bars of the
# surface of each class at each millésime; stacked bars of the composition of the territory at each
# millésime; the table of surfaces and shares; then, for the page's period, diverging bars of the
# change of each class and its table.
STOCK = """\
{{- $fr := "−|,|\u202f" }}{{ $g := .group }}{{ $years := .years }}{{ $n := len $years }}{{ $id := .id }}
{{- $what := printf "%s du sol, niveau %v" ($g.dimension | humanize) $g.niveau }}
{{- $max := 0.0 }}
{{- range $g.classes }}{{ range .ha }}{{ if gt . $max }}{{ $max = . }}{{ end }}{{ end }}{{ end }}
{{- if eq $max 0.0 }}{{ $max = 1.0 }}{{ end }}
{{- $band := add 8 (mul 12 $n) }}{{ $h := add 30 (mul $band (len $g.classes)) -}}
<h3 id="{{ $id }}-titre">{{ $what }}</h3>
<figure class="chart">
<svg role="img" aria-labelledby="{{ $id }}" viewBox="0 0 760 {{ $h }}" width="760" height="{{ $h }}">
<title id="{{ $id }}">Diagramme en barres groupées : surface par classe en {{ delimit $years ", " " et " }} ({{ $what }})</title>
{{- range $k, $y := $years }}
<rect x="{{ add 360 (mul 80 $k) }}" y="4" width="10" height="10" class="m{{ $k }}"/><text x="{{ add 374 (mul 80 $k) }}" y="13">{{ $y }}</text>
{{- end }}
{{- range $i, $c := $g.classes }}
{{- $top := add 24 (mul $band $i) }}
<text x="354" y="{{ add $top (add (mul 6 $n) 4) }}" text-anchor="end">{{ $c.name | truncate 48 }}</text>
{{- range $k, $v := $c.ha }}
{{- $w := mul 300.0 (div $v $max) }}{{ $y := add $top (mul 12 $k) }}
<rect x="360" y="{{ $y }}" width="{{ printf "%.1f" $w }}" height="11" class="m{{ $k }}"><title>{{ $c.name }}, {{ index $years $k }} : {{ lang.FormatNumberCustom 2 $v $fr "|" }} ha, {{ lang.FormatNumberCustom 2 (index $c.pct $k) $fr "|" }} %</title></rect>
<text x="{{ printf "%.1f" (add 364 $w) }}" y="{{ add $y 10 }}">{{ lang.FormatNumberCustom 2 $v $fr "|" }}</text>
{{- end }}
{{- end }}
</svg>
</figure>
{{- /* Composition: one 100 % bar per millésime, a segment per class, hue from the class rank. */}}
{{- $rows := div (add (len $g.classes) 2) 3 }}{{ $hc := add (add 16 (mul 28 $n)) (mul 18 $rows) }}
<figure class="chart">
<svg role="img" aria-labelledby="{{ $id }}-composition" viewBox="0 0 760 {{ $hc }}" width="760" height="{{ $hc }}">
<title id="{{ $id }}-composition">Composition du territoire en {{ delimit $years ", " " et " }} ({{ $what }}) : part de chaque classe, en % de la surface</title>
{{- range $k, $y := $years }}
{{- $x := 50.0 }}{{ $top := add 8 (mul 28 $k) }}
<text x="44" y="{{ add $top 15 }}" text-anchor="end">{{ $y }}</text>
{{- range $i, $c := $g.classes }}{{ $w := mul 6.9 (index $c.pct $k) }}
<rect x="{{ printf "%.1f" $x }}" y="{{ $top }}" width="{{ printf "%.1f" $w }}" height="22" fill="hsl({{ mod (mul $i 67) 360 }},50%,{{ add 42 (mul (mod $i 3) 12) }}%)"><title>{{ $c.name }}, {{ $y }} : {{ lang.FormatNumberCustom 2 (index $c.pct $k) $fr "|" }} %</title></rect>
{{- $x = add $x $w }}
{{- end }}
{{- end }}
{{- range $i, $c := $g.classes }}{{ $lx := add 50 (mul 236 (mod $i 3)) }}{{ $ly := add (add 12 (mul 28 $n)) (mul 18 (div $i 3)) }}
<rect x="{{ $lx }}" y="{{ $ly }}" width="10" height="10" fill="hsl({{ mod (mul $i 67) 360 }},50%,{{ add 42 (mul (mod $i 3) 12) }}%)"/><text x="{{ add $lx 14 }}" y="{{ add $ly 9 }}">{{ $c.code }} {{ $c.name | truncate 24 }}</text>
{{- end }}
</svg>
</figure>
<table>
<caption>Surfaces par classe ({{ $what }}), en ha et en % du territoire</caption>
<thead><tr><th scope="col">Code</th><th scope="col">Classe</th>{{ range $years }}<th scope="col" class="num">{{ . }} (ha)</th>{{ end }}{{ range $years }}<th scope="col" class="num">{{ . }} (%)</th>{{ end }}</tr></thead>
<tbody>
{{- range $g.classes }}
<tr><td>{{ .code }}</td><th scope="row">{{ .name }}</th>{{ range .ha }}<td class="num">{{ lang.FormatNumberCustom 2 . $fr "|" }}</td>{{ end }}{{ range .pct }}<td class="num">{{ lang.FormatNumberCustom 2 . $fr "|" }}</td>{{ end }}</tr>
{{- end }}
</tbody>
</table>
{{- /* Change over the page's period <start>-<end> (none for a single year). */}}
{{- $ends := split .period "-" }}{{ $ka := -1 }}{{ $kb := -1 }}
{{- range $k, $y := $years }}{{ if eq (len $ends) 2 }}{{ if eq $y (index $ends 0) }}{{ $ka = $k }}{{ end }}{{ if eq $y (index $ends 1) }}{{ $kb = $k }}{{ end }}{{ end }}{{ end }}
{{- if and (ge $ka 0) (ge $kb 0) }}
{{- $a := index $years $ka }}{{ $b := index $years $kb }}
{{- $dmax := 0.0 }}
{{- range $g.classes }}{{ $d := sub (index .ha $kb) (index .ha $ka) }}{{ if lt $d 0.0 }}{{ $d = mul -1 $d }}{{ end }}{{ if gt $d $dmax }}{{ $dmax = $d }}{{ end }}{{ end }}
{{- if eq $dmax 0.0 }}{{ $dmax = 1.0 }}{{ end }}
{{- $he := add 20 (mul 22 (len $g.classes)) }}
<figure class="chart">
<svg role="img" aria-labelledby="{{ $id }}-evolution" viewBox="0 0 760 {{ $he }}" width="760" height="{{ $he }}">
<title id="{{ $id }}-evolution">Évolution de la surface par classe entre {{ $a }} et {{ $b }} ({{ $what }}), en ha : barres à droite pour une hausse, à gauche pour une baisse</title>
<line x1="570" y1="4" x2="570" y2="{{ sub $he 4 }}" stroke="#888"/>
{{- range $i, $c := $g.classes }}
{{- $d := sub (index $c.ha $kb) (index $c.ha $ka) }}{{ $y := add 10 (mul 22 $i) }}
{{- $w := mul 100.0 (div (cond (lt $d 0.0) (mul -1 $d) $d) $dmax) }}
<text x="354" y="{{ add $y 14 }}" text-anchor="end">{{ $c.name | truncate 48 }}</text>
<rect x="{{ printf "%.1f" (cond (lt $d 0.0) (sub 570 $w) 570.0) }}" y="{{ $y }}" width="{{ printf "%.1f" $w }}" height="18" class="{{ if lt $d 0.0 }}neg{{ else }}pos{{ end }}"><title>{{ $c.name }} : {{ lang.FormatNumberCustom 2 $d $fr "|" }} ha entre {{ $a }} et {{ $b }}</title></rect>
<text x="{{ printf "%.1f" (cond (lt $d 0.0) (sub 566 $w) (add 574 $w)) }}" y="{{ add $y 14 }}"{{ if lt $d 0.0 }} text-anchor="end"{{ end }}>{{ lang.FormatNumberCustom 2 $d $fr "|" }}</text>
{{- end }}
</svg>
</figure>
<table>
<caption>Évolution des surfaces par classe ({{ $what }}), {{ $a }}–{{ $b }}</caption>
<thead><tr><th scope="col">Code</th><th scope="col">Classe</th><th scope="col" class="num">{{ $a }} (ha)</th><th scope="col" class="num">{{ $b }} (ha)</th><th scope="col" class="num">Évolution (ha)</th><th scope="col" class="num">Évolution (%)</th></tr></thead>
<tbody>
{{- range $g.classes }}
{{- $s0 := index .ha $ka }}{{ $d := sub (index .ha $kb) $s0 }}
<tr><td>{{ .code }}</td><th scope="row">{{ .name }}</th><td class="num">{{ lang.FormatNumberCustom 2 $s0 $fr "|" }}</td><td class="num">{{ lang.FormatNumberCustom 2 (index .ha $kb) $fr "|" }}</td><td class="num">{{ lang.FormatNumberCustom 2 $d $fr "|" }}</td><td class="num">{{ if gt $s0 0.0 }}{{ lang.FormatNumberCustom 1 (mul 100 (div $d $s0)) $fr "|" }}{{ else }}–{{ end }}</td></tr>
{{- end }}
</tbody>
</table>
{{- end }}
"""

# Heat-map matrix of the mutations of one dimension and level: a row per class at the start of
# the period, a column per class at its end. A cell's value is looked up in the transitions
# (flows[from][to], absent = 0); its colour goes from white to dark blue with the value relative to
# the largest change (off the diagonal, which stays grey). Then the same matrix as a table, with totals.
MUTATIONS = """\
{{- $fr := "−|,|\u202f" }}{{ $g := .group }}{{ $m := .m }}{{ $n := len $g.classes }}
{{- $what := printf "%s du sol, niveau %v" ($g.dimension | humanize) $g.niveau }}
{{- $max := 0.0 }}
{{- range $from, $row := $g.flows }}{{ range $to, $v := $row }}{{ if and (ne $from $to) (gt $v $max) }}{{ $max = $v }}{{ end }}{{ end }}{{ end }}
{{- $cs := 40.0 }}{{ if gt (mul $cs $n) 440.0 }}{{ $cs = div 440.0 $n }}{{ end }}
{{- $x0 := 300.0 }}{{ $y0 := 80.0 }}{{ $h := add (add $y0 (mul $cs $n)) 10 -}}
<h3 id="{{ .id }}-titre">{{ $what }}</h3>
<figure class="chart">
<svg role="img" aria-labelledby="{{ .id }}" viewBox="0 0 760 {{ printf "%.0f" $h }}" width="760" height="{{ printf "%.0f" $h }}">
<title id="{{ .id }}">Matrice des mutations entre {{ $m.from }} et {{ $m.to }} ({{ $what }}), une ligne par classe en {{ $m.from }} et une colonne par classe en {{ $m.to }}, les cases d’autant plus foncées que la surface ayant changé est grande.</title>
{{- range $j, $c := $g.classes }}
<text transform="translate({{ printf "%.1f" (add $x0 (mul $cs (add $j 0.5))) }} {{ sub $y0 6 }}) rotate(-60)">{{ $c.code }}</text>
{{- end }}
{{- range $i, $r := $g.classes }}
{{- $row := index $g.flows $r.code }}{{ $y := add $y0 (mul $cs $i) }}
<text x="{{ sub $x0 6 }}" y="{{ printf "%.1f" (add $y (div $cs 2)) }}" text-anchor="end">{{ $r.name | truncate 44 }}</text>
{{- range $j, $c := $g.classes }}
{{- $v := 0.0 }}{{ with index $row $c.code }}{{ $v = . }}{{ end }}
{{- $fill := "rgb(228,228,228)" }}
{{- if ne $i $j }}{{ $t := 0.0 }}{{ if gt $max 0.0 }}{{ $t = div $v $max }}{{ end }}
{{- $fill = printf "rgb(%.0f,%.0f,%.0f)" (sub 255.0 (mul $t 222)) (sub 255.0 (mul $t 190)) (sub 255.0 (mul $t 120)) }}{{ end }}
<rect x="{{ printf "%.1f" (add $x0 (mul $cs $j)) }}" y="{{ printf "%.1f" $y }}" width="{{ printf "%.1f" $cs }}" height="{{ printf "%.1f" $cs }}" fill="{{ $fill }}" stroke="#ddd"><title>{{ $r.name }} → {{ $c.name }} : {{ lang.FormatNumberCustom 1 $v $fr "|" }} ha</title></rect>
{{- end }}
{{- end }}
</svg>
</figure>
<table class="matrix">
<caption>Matrice des mutations (ha, {{ $what }}) : en ligne la classe en {{ $m.from }}, en colonne la classe en {{ $m.to }}</caption>
<thead><tr><th scope="col">{{ $m.from }} \\ {{ $m.to }}</th>{{ range $g.classes }}<th scope="col" class="num" title="{{ .name }}">{{ .name | truncate 24 }}</th>{{ end }}<th scope="col" class="num">Total {{ $m.from }}</th></tr></thead>
<tbody>
{{- range $i, $r := $g.classes }}
{{- $row := index $g.flows $r.code }}{{ $total := 0.0 }}
<tr><th scope="row">{{ $r.name }}</th>
{{- range $j, $c := $g.classes }}{{ $v := 0.0 }}{{ with index $row $c.code }}{{ $v = . }}{{ end }}{{ $total = add $total $v -}}
<td class="num{{ if eq $i $j }} diagonal{{ end }}">{{ lang.FormatNumberCustom 1 $v $fr "|" }}</td>{{ end -}}
<td class="num">{{ lang.FormatNumberCustom 1 $total $fr "|" }}</td></tr>
{{- end }}
</tbody>
<tfoot><tr><th scope="row">Total {{ $m.to }}</th>
{{- $all := 0.0 }}
{{- range $c := $g.classes }}{{ $total := 0.0 }}{{ range $r := $g.classes }}{{ with index $g.flows $r.code $c.code }}{{ $total = add $total . }}{{ end }}{{ end }}{{ $all = add $all $total -}}
<td class="num">{{ lang.FormatNumberCustom 1 $total $fr "|" }}</td>{{ end -}}
<td class="num">{{ lang.FormatNumberCustom 1 $all $fr "|" }}</td></tr></tfoot>
</table>
"""

# Horizontal bar chart of one numeric column, scaled to the largest absolute value.
BARS = """\
{{- $fr := "−|,|\u202f" }}{{ $col := .col }}{{ $lab := int .table.label }}{{ $rows := .table.rows }}
{{- $max := 0.0 }}
{{- range $rows }}{{ $v := index . $col }}{{ $a := cond (lt $v 0) (mul -1 $v) $v }}{{ if gt $a $max }}{{ $max = $a }}{{ end }}{{ end }}
{{- if eq $max 0.0 }}{{ $max = 1.0 }}{{ end }}
{{- $h := add 30 (mul 22 (len $rows)) -}}
<figure class="chart">
<svg role="img" aria-labelledby="{{ .id }}" viewBox="0 0 760 {{ $h }}" width="760" height="{{ $h }}">
<title id="{{ .id }}">Diagramme en barres : {{ index .table.header $col }} par {{ index .table.header $lab }}</title>
{{- range $i, $r := $rows }}
{{- $v := index $r $col }}{{ $y := add 20 (mul 22 $i) }}
{{- $w := mul 300.0 (div (cond (lt $v 0) (mul -1 $v) $v) $max) }}
<text x="354" y="{{ add $y 14 }}" text-anchor="end">{{ index $r $lab | truncate 48 }}</text>
<rect x="360" y="{{ $y }}" width="{{ printf "%.1f" $w }}" height="18" class="{{ if lt $v 0 }}neg{{ else }}pos{{ end }}"><title>{{ index $r $lab }} : {{ lang.FormatNumberCustom 2 $v $fr "|" }}</title></rect>
<text x="{{ printf "%.1f" (add 364 $w) }}" y="{{ add $y 14 }}">{{ lang.FormatNumberCustom 2 $v $fr "|" }}</text>
{{- end }}
</svg>
</figure>
"""

STYLE = """\
body { font-family: system-ui, sans-serif; margin: 0; color: #222; }
.wrap { max-width: 60rem; margin: 0 auto; padding: 0 1rem; }
.site-header, .site-footer { background: #f4f4f4; padding: .5rem 0; }
.site-header nav ul, .breadcrumb ol { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: 1rem; }
.skip { position: absolute; left: -999px; }
svg text { font-size: 12px; }
rect.pos { fill: #3a7d44; } rect.neg { fill: #b3392f; }
rect.m0 { fill: #9ecae1; } rect.m1 { fill: #4292c6; } rect.m2 { fill: #08519c; } rect.m3 { fill: #08306b; }
td.diagonal { background: #e4e4e4; }
table { border-collapse: collapse; font-size: .85rem; } td, th { border: 1px solid #ccc; padding: .2rem .4rem; }
td.num { text-align: right; }
"""

LEVELS = ("region", "departement", "epci", "scot", "commune")
LEVEL_NAMES = {"region": "Régions", "departement": "Départements", "epci": "EPCI",
               "scot": "SCoT", "commune": "Communes"}
LEVEL_LIST = [{"level": level, "name": LEVEL_NAMES[level]} for level in LEVELS]


def cell(header, text):
    """A number when the text parses after replacing ',' by '.', except in code columns."""
    if not header.startswith("code") and NUMBER.match(text):
        return float(text.replace(",", "."))
    return text


def read_figures(path):
    """Tables (header, rows, numeric column indexes, label column index) and source lines."""
    with open(path, encoding="utf-8-sig", newline="") as f:
        lines = list(csv.reader(f, delimiter=";"))
    blocks, block = [], []
    for line in lines + [[]]:
        if any(c.strip() for c in line):
            block.append(line)
        elif block:
            blocks.append(block)
            block = []
    tables, sources = [], []
    for block in blocks:
        if all(line[0] == "source" for line in block):
            sources += [";".join(line[1:]) for line in block]
            continue
        header = block[0]
        rows = [[cell(h, c) for h, c in zip(header, line + [""] * len(header))] for line in block[1:]]
        numeric = [i for i in range(len(header)) if rows and all(isinstance(r[i], float) for r in rows)]
        text = [i for i in range(len(header)) if i not in numeric]
        tables.append({"header": header, "rows": rows, "numeric": numeric,
                       "label": text[-1] if text else 0})
    return tables, sources


def read_rows(path):
    """Header and data rows of a figures file, without blank and source lines."""
    with open(path, encoding="utf-8-sig", newline="") as f:
        lines = [line for line in csv.reader(f, delimiter=";")
                 if any(c.strip() for c in line) and line[0] != "source"]
    return lines[0], lines[1:]


def number(text):
    return float(text.replace(",", "."))


def read_stock(path):
    """Stock per (dimension, level), in file order: per class, surface and share per millésime."""
    header, rows = read_rows(path)
    col = {name: i for i, name in enumerate(header)}
    years = sorted({r[col["millesime"]] for r in rows})
    groups = {}
    for r in rows:
        classes = groups.setdefault((r[col["dimension"]], int(r[col["niveau"]])), {})
        code = r[col["code_classe"]]
        c = classes.setdefault(code, {"code": code, "name": r[col["classe"]],
                                      "ha": [0.0] * len(years), "pct": [0.0] * len(years)})
        k = years.index(r[col["millesime"]])
        c["ha"][k], c["pct"][k] = number(r[col["surface_ha"]]), number(r[col["part_pct"]])
    return {"millesimes": years,
            "groups": [{"dimension": d, "niveau": n, "classes": list(classes.values())}
                       for (d, n), classes in groups.items()]}


def read_mutations(path):
    """Transitions per (dimension, level): the classes met (sorted by code) and the surfaces that
    went from one to another, flows[from][to] (the matrix is built by the template)."""
    header, rows = read_rows(path)
    col = {name: i for i, name in enumerate(header)}
    start, end = [i for i, name in enumerate(header) if name.startswith("code_")]  # code_<year>
    groups = {}
    for r in rows:
        g = groups.setdefault((r[col["dimension"]], int(r[col["niveau"]])), {"names": {}, "flows": {}})
        g["names"][r[start]], g["names"][r[end]] = r[start + 1], r[end + 1]
        g["flows"].setdefault(r[start], {})[r[end]] = number(r[col["surface_ha"]])
    return {"from": header[start][len("code_"):], "to": header[end][len("code_"):],
            "groups": [{"dimension": d, "niveau": n,
                        "classes": [{"code": c, "name": g["names"][c]} for c in sorted(g["names"])],
                        "flows": {c: g["flows"].get(c, {}) for c in sorted(g["names"])}}
                       for (d, n), g in groups.items()]}


def glyph_block(html):
    """The hidden <svg><defs><symbol>… block of glyph outlines that one of our pages carries (none
    since our charts write their text as <text>: then nothing)."""
    with open(html, encoding="utf-8") as f:
        text = f.read()
    defs = text.find("<defs><symbol")
    if defs < 0:
        return ""
    return text[text.rindex("<svg", 0, defs):text.index("</svg>", defs) + len("</svg>")] + "\n"


def territory_name(tables, code):
    for table in tables:
        if "territoire" in table["header"] and table["rows"]:
            return table["rows"][0][table["header"].index("territoire")]
    return code


def portraits(site):
    """(level, code, period, html path) for every portrait page of the site."""
    for level in LEVELS:
        root = os.path.join(site, level)
        if not os.path.isdir(root):
            continue
        for code in sorted(os.listdir(root)):
            folder = os.path.join(root, code)
            if not os.path.isdir(folder):
                continue
            for name in sorted(os.listdir(folder)):
                stem, ext = os.path.splitext(name)
                if ext == ".html" and PERIOD.match(stem):
                    yield level, code, stem, os.path.join(folder, name)


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    return len(text.encode("utf-8"))


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: hugo_floor.py SITE_DIR HUGO_DIR")
    site, out = sys.argv[1], sys.argv[2]
    shutil.rmtree(out, ignore_errors=True)
    write(os.path.join(out, "config.toml"), CONFIG)
    write(os.path.join(out, "data", "levels.json"), json.dumps(LEVEL_LIST, ensure_ascii=False))
    write(os.path.join(out, "static", "style.css"), STYLE)
    layouts = os.path.join(out, "layouts")
    write(os.path.join(layouts, "_default", "baseof.html"), BASEOF)
    write(os.path.join(layouts, "_default", "single.html"), SINGLE)
    write(os.path.join(layouts, "partials", "bars.html"), BARS)
    write(os.path.join(layouts, "partials", "stock.html"), STOCK)
    write(os.path.join(layouts, "partials", "mutations.html"), MUTATIONS)

    pages, content_bytes, ours = 0, 0, []
    for level, code, period, html in portraits(site):
        folder = os.path.dirname(html)
        figures = os.path.join(folder, period + ".csv")
        if not os.path.exists(figures):
            print(f"warning: no figures for {html}", file=sys.stderr)
            continue
        tables, sources = read_figures(figures)
        name = territory_name(tables, code)
        # The stock is the same for all pages of a territory: one data file, written once.
        stock = os.path.join(out, "data", "stock", level, code + ".json")
        if not os.path.exists(stock):
            content_bytes += write(stock, json.dumps(
                read_stock(os.path.join(folder, "stock-toutes-classes.csv")), ensure_ascii=False))
        mutations = os.path.join(folder, f"mutations-{period}.csv")
        front = {"title": f"{name} ({level}) · {period.replace('-', '–')}", "territory": name,
                 "level": level, "level_name": LEVEL_NAMES[level], "code": code,
                 "period": period, "tables": tables, "sources": sources,
                 "mutations": read_mutations(mutations) if os.path.exists(mutations) else None}
        # JSON front matter: Hugo reads a content file starting with '{' as JSON. JSON numbers
        # decode as float64 in Go, hence the `int` around column indexes in the templates.
        text = json.dumps(front, ensure_ascii=False) + "\n"
        content_bytes += write(os.path.join(out, "content", level, code, period + ".md"), text)
        ours.append((os.path.getsize(html), html))
        pages += 1
    median = int(statistics.median(size for size, _ in ours)) if ours else 0
    # Glyph outlines: copied once, from our page closest to the median size, into every page.
    closest = min(ours, key=lambda page: (abs(page[0] - median), page[1]), default=None)
    write(os.path.join(layouts, "partials", "glyphs.html"), glyph_block(closest[1]) if closest else "")
    print(f"pages={pages} content_bytes={content_bytes} our_pages_median_bytes={median}")


if __name__ == "__main__":
    main()
