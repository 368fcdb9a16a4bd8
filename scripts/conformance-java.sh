#!/usr/bin/env bash
# Fetches the Java MNS SDK (test/conformance/java/pom.xml) into a Maven repository under .tools/,
# compiles the conformance suite once into .tools/, and prints the classpath to run it with.
# Progress goes to stderr so that the Makefile captures only the classpath.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
project="$root/test/conformance/java"
repo="$root/.tools/m2"
classes="$root/.tools/conformance-java/classes"

for tool in mvn javac; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "conformance-java: $tool is needed (JDK 17 and Maven 3.8+) for the Java SDK suite" >&2
    exit 1
  fi
done

dependencies="$(mktemp)"
trap 'rm -f "$dependencies"' EXIT
mvn -B -q -f "$project/pom.xml" -Dmaven.repo.local="$repo" \
  dependency:build-classpath -Dmdep.outputFile="$dependencies" >&2
rm -rf "$classes" && mkdir -p "$classes"
javac --release 17 -d "$classes" -cp "$(cat "$dependencies")" \
  "$project"/src/main/java/vodflow/conformance/*.java >&2
echo "$classes:$(cat "$dependencies")"
