# The two commands the README promises: `make run` and `make test`. The rest are conveniences.
MVN ?= mvn -B -ntp
JAR := local/target/platform-local.jar

.PHONY: run test build verify schemathesis mock bench clean

## run: build, then serve the platform on its embedded defaults (http://127.0.0.1:8080)
run: build
	exec java $(JAVA_OPTS) -jar $(JAR)

## test: everything CI runs: Maven verify (unit, integration, conformance) then Schemathesis
test: verify schemathesis

build:
	$(MVN) -q install -DskipTests

verify:
	$(MVN) install

# the per-IP auth limit is proven by the conformance suite; here it would turn most fuzzing into 429s
schemathesis:
	AUTH_REQUESTS_PER_MINUTE=100000 scripts/with-platform.sh bash -c 'conformance-tests/schemathesis/run.sh "$$PLATFORM_URL" build/schemathesis'

## mock: the contract mock on port 4010 (UI prototyping)
mock: build
	exec java -jar mock-server/target/mock-server.jar --port 4010 --spec contract/target/classes/openapi.yaml

## bench: /healthz of the platform against a bare Grizzly handler, same run
bench: build
	bench/healthz.sh

clean:
	$(MVN) -q clean
	rm -rf build
