#!/usr/bin/env bash
# Builds the base image Jib puts streaming-app.jar and streaming-embedding.jar on, as a docker-save tarball, from this
# machine alone (no registry is reachable here): a jlink'ed JRE, the shared libraries it and the embeddings jar's Linux
# natives link against, a non-root user owning DATA_DIR, and the health check.
# Usage: base-image.sh <streaming-embedding.jar> <output dir>
set -euo pipefail
jar=$1
out=$(mkdir -p "$2" && cd "$2" && pwd)
java_home=${JAVA_HOME:?set JAVA_HOME to a JDK 21+ (the image runs its JRE)}
here=$(cd "$(dirname "$0")" && pwd)
# the image is for the build machine's architecture: its JDK and its shared libraries go in
case $(uname -m) in
    x86_64) arch=amd64 onnx=linux-x64 tokenizers=linux-x86_64 ;;
    aarch64) arch=arm64 onnx=linux-aarch64 tokenizers=linux-aarch64 ;;
    *) echo "the embeddings jar carries natives for linux x86_64 and aarch64 only, not $(uname -m)" >&2; exit 1 ;;
esac
# the modules the jars' libraries use: SQL and JNDI (JDBC, Logback), XML, AWT geometry (PDFBox), the HTTP client,
# JMX (Micrometer, HikariCP), Unsafe (Netty, Lucene), the Vector API (Lucene, when enabled), zipfs (libraries that
# read a jar as a file system); checked by starting the image and asking a two_stage question (`jdeps` over the
# jars' 47,000 classes does not finish in minutes)
modules=java.base,java.desktop,java.logging,java.management,java.naming,java.net.http,java.sql,java.xml,jdk.management,jdk.unsupported,jdk.zipfs,jdk.incubator.vector

rm -rf "${out:?}"/* && mkdir -p "$out/rootfs" "$out/natives"
root=$out/rootfs
"$java_home/bin/jlink" --add-modules "$modules" --strip-debug --no-header-files --no-man-pages --compress zip-6 \
    --output "$root/opt/java"
# the server is headless: no X11 or sound for AWT (PDFBox uses its geometry classes only)
rm -f "$root"/opt/java/lib/{libawt_xawt.so,libjawt.so,libsplashscreen.so,libjsound.so}

# copy every shared library the JRE and the natives need, at the path the dynamic linker looks for it
unzip -q "$jar" "ai/onnxruntime/native/$onnx/*" "native/lib/$tokenizers/*" -d "$out/natives"
find "$root/opt/java" "$out/natives" -type f \( -name '*.so*' -o -path '*/bin/*' \) -exec ldd {} + 2>/dev/null \
    | grep -o '/[^ ]*' | grep -v "^$out" | sort -u | while read -r lib; do cp --parents -L "$lib" "$root"; done

mkdir -p "$root/etc" "$root/data" "$root/tmp" "$root/opt/health"
printf 'root:x:0:0:root:/root:/sbin/nologin\nllmstream:x:10001:10001:llmstream:/data:/sbin/nologin\n' > "$root/etc/passwd"
printf 'root:x:0:\nllmstream:x:10001:\n' > "$root/etc/group"
chown 10001:10001 "$root/data" && chmod 1777 "$root/tmp"
"$java_home/bin/javac" --release 21 -d "$root/opt/health" "$here/Ready.java"

# names sorted and times zeroed: the same JDK and libraries give the same layer, so its digest (and every
# registry's and node's copy of it) survives a rebuild
tar --numeric-owner --sort=name --mtime=@0 -C "$root" -cf "$out/layer.tar" .
diff_id=sha256:$(sha256sum "$out/layer.tar" | cut -d' ' -f1)
# Jib keeps the base image's Healthcheck (it cannot write one itself): every 30 s, ready within 60 s of starting
cat > "$out/config.json" <<JSON
{"architecture":"$arch","os":"linux","config":{"Env":["PATH=/opt/java/bin:/usr/bin:/bin"],
 "Healthcheck":{"Test":["CMD","/opt/java/bin/java","-Xshare:auto","-XX:TieredStopAtLevel=1","-XX:+UseSerialGC","-XX:-UsePerfData","-Xmx16m","-cp","/opt/health","Ready"],
  "Interval":30000000000,"Timeout":10000000000,"StartPeriod":60000000000,"Retries":3}},
 "rootfs":{"type":"layers","diff_ids":["$diff_id"]}}
JSON
echo '[{"Config":"config.json","RepoTags":["llmstream-base:local"],"Layers":["layer.tar"]}]' > "$out/manifest.json"
tar -C "$out" -cf "$out/base.tar" manifest.json config.json layer.tar
rm -rf "$root" "$out/natives" "$out/layer.tar"
