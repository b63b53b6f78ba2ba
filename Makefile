# The two commands of the README:
#   make site   installs what is missing, builds, and writes the demo site into Output/
#   make test   installs what is missing and runs every test (the process tests run the built binary)
# And: make install [PREFIX=/usr/local] [DESTDIR=…]   the tool, runnable from any folder (scripts/install.sh)
SWIFT ?= swift
PREFIX ?= /usr/local
DESTDIR ?=

.PHONY: site test deps build metaleurop install clean

deps:
	@bash scripts/install-deps.sh

build: deps
	$(SWIFT) build -c release --product portraits

site: build
	.build/release/portraits demo

metaleurop: build
	.build/release/portraits build --config examples/metaleurop/portraits.yaml

install: build
	@bash scripts/install.sh .build/release "$(DESTDIR)" "$(PREFIX)"

test:
	@bash scripts/install-deps.sh --tests
	$(SWIFT) build
	$(SWIFT) test --disable-swift-testing
	python3 -m unittest discover -s scripts/tests

clean:
	rm -rf .build Output demo/generated
