# The two commands of the README:
#   make site   installs what is missing, builds, and writes the demo site into Output/
#   make test   installs what is missing and runs every test (the process tests run the built binary)
SWIFT ?= swift

.PHONY: site test deps build metaleurop clean

deps:
	@bash scripts/install-deps.sh

build: deps
	$(SWIFT) build -c release --product portraits

site: build
	.build/release/portraits demo

metaleurop: build
	.build/release/portraits build --config examples/metaleurop/portraits.yaml

test:
	@bash scripts/install-deps.sh --tests
	$(SWIFT) build
	$(SWIFT) test --disable-swift-testing
	python3 -m unittest discover -s scripts/tests

clean:
	rm -rf .build Output demo/generated
