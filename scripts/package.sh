#!/bin/sh
# Builds InferDeck's Linux packages with jpackage from the jars `./mvnw package` left in app/target:
#   scripts/package.sh app-image   -> app/target/dist/inferdeck/        (bin/inferdeck, lib/app, lib/runtime)
#   scripts/package.sh deb         -> app/target/dist/inferdeck_<version>_amd64.deb (installs /opt/inferdeck)
# The runtime is jlink'ed from JAVA_HOME (a JDK 25 with jpackage) and keeps bin/java: the console and `up`
# start engine processes with the same runtime and class path. Run `./mvnw -B -o -DskipTests package` first.
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
TYPE=${1:-app-image}
JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
TARGET="$ROOT/app/target"
DIST="$TARGET/dist"
STAGE="$TARGET/jpackage-input"

jar=$(ls "$TARGET"/app-*.jar 2>/dev/null | grep -v -e '-tests\.jar$' | head -n 1 || true)
if [ -z "$jar" ] || [ ! -d "$TARGET/lib" ]; then
    echo "package.sh: app/target has no app jar and lib/: run ./mvnw -B -o -DskipTests package first" >&2
    exit 2
fi
version=$(basename "$jar" .jar | sed 's/^app-//')
numeric=$(echo "$version" | sed 's/[^0-9.].*$//')   # jpackage takes 1-3 numbers: 0.1.0-SNAPSHOT -> 0.1.0

# The jars, less the natives for other systems (the multi-platform jars carry ~420 MB of them, mostly debug
# symbols for macOS and Windows): only linux x86-64 stays, which is what jpackage builds for here.
rm -rf "$STAGE"
mkdir -p "$STAGE" "$DIST"
cp "$jar" "$TARGET"/lib/*.jar "$STAGE"/
strip_natives() {   # the jar's name pattern (one jar), then the entries to delete; fails if either is missing
    j=$(ls "$STAGE"/$1)
    shift
    zip -q -d "$j" "$@"
}
strip_natives 'onnxruntime-[0-9]*.jar' 'ai/onnxruntime/native/osx-*' 'ai/onnxruntime/native/win-*' 'ai/onnxruntime/native/linux-aarch64/*'
strip_natives 'tokenizers-[0-9]*.jar' 'native/lib/osx-*' 'native/lib/win-*' 'native/lib/linux-aarch64/*'
strip_natives 'llama-[0-9]*.jar' 'de/kherud/llama/Mac/*' 'de/kherud/llama/Windows/*' 'de/kherud/llama/Linux-Android/*' \
    'de/kherud/llama/Linux/aarch64/*'
strip_natives 'sqlite-jdbc-[0-9]*.jar' 'org/sqlite/native/Windows/*' 'org/sqlite/native/Mac/*' 'org/sqlite/native/FreeBSD/*' \
    'org/sqlite/native/Linux-Android/*' 'org/sqlite/native/Linux-Musl/*' 'org/sqlite/native/Linux/a*' 'org/sqlite/native/Linux/x86/*' \
    'org/sqlite/native/Linux/ppc64/*' 'org/sqlite/native/Linux/riscv64/*'

# The JDK modules the jars use (jdeps summaries and the modular jars' requires, checked by hand; the smoke test
# runs the console, the engine, the gateway, SQLite and the ONNX classifier on this runtime).
modules=java.base,java.datatransfer,java.desktop,java.logging,java.management,java.naming,java.net.http,java.scripting,java.sql,java.xml
modules=$modules,jdk.httpserver,jdk.jfr,jdk.management,jdk.net,jdk.unsupported,jdk.unsupported.desktop,jdk.zipfs,jdk.localedata

case "$TYPE" in
    app-image) rm -rf "$DIST/inferdeck"; extra= ;;
    deb) rm -f "$DIST"/inferdeck_*.deb
         # gzip, not dpkg-deb's default xz: most of the payload is jars, compressed already; xz cost 180 s CPU
         # for 100.3 MB, gzip 42 s for 113.5 MB (docs/packaging.md). DPKG_DEB_COMPRESSOR_TYPE=xz restores it.
         DPKG_DEB_COMPRESSOR_TYPE=${DPKG_DEB_COMPRESSOR_TYPE:-gzip}
         export DPKG_DEB_COMPRESSOR_TYPE
         extra="--linux-package-name inferdeck --linux-app-category devel --linux-shortcut --linux-menu-group Development
                --linux-deb-maintainer inferdeck@localhost --resource-dir $ROOT/scripts/deb-resources" ;;
    *) echo "package.sh: unknown type '$TYPE' (app-image or deb)" >&2; exit 2 ;;
esac
# shellcheck disable=SC2086  # $extra is a list of options
"$JAVA_HOME/bin/jpackage" --type "$TYPE" --dest "$DIST" --name inferdeck --app-version "$numeric" \
    --vendor InferDeck --description "Operations console for local LLM inference" --icon "$ROOT/scripts/deb-resources/inferdeck.png" \
    --input "$STAGE" --main-jar "$(basename "$jar")" --main-class io.inferdeck.app.Main \
    --java-options --enable-native-access=ALL-UNNAMED --java-options --sun-misc-unsafe-memory-access=allow \
    --add-modules "$modules" --jlink-options "--strip-debug --no-man-pages --no-header-files --include-locales=en,zh --generate-cds-archive" \
    $extra
rm -rf "$STAGE"
if [ "$TYPE" = deb ]; then ls "$DIST"/inferdeck_*.deb; else echo "$DIST/inferdeck"; fi
