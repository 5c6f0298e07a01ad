# shellcheck shell=bash
# Sourced by .ci/run: Debian's Chromium, for the test that renders the HTML report in a real headless browser.
# Nothing is installed system-wide and no root is needed: the pinned packages, with the shared libraries that
# Chromium lacks on these machines (found with ldd), are fetched with apt-get download, unpacked with dpkg -x
# into CHAOS_CI_HOME under a name keyed by the pins, and started through a wrapper that sets LD_LIBRARY_PATH.
# Exports CHAOS_CHROMIUM (that wrapper). Debian's security archive keeps only its newest build: when a pin is
# gone, apt-get download says so, and the pin moves to the version `apt-cache policy chromium` offers.
chromium_version=156.0.8078.114-1~deb12u1
chromium_packages=(
  "chromium=$chromium_version" "chromium-common=$chromium_version"
  libasyncns0=0.8-6+b3 libdouble-conversion3=3.2.1-1 libflac12=1.4.2+ds-2 libharfbuzz-subset0=6.0.0+dfsg-3
  libminizip1=1.1-8+deb12u1 libmp3lame0=3.100-6 libmpg123-0=1.31.2-1+deb12u1 libogg0=1.3.5-3
  libopenh264-7=2.3.1+dfsg-3+deb12u2 libopenjp2-7=2.5.0-2+deb12u3 libopus0=1.3.1-3 libpulse0=16.1+dfsg1-2+b1
  libsndfile1=1.2.0-1+deb12u1 libvorbis0a=1.3.7-1 libvorbisenc2=1.3.7-1 libxnvctrl0=525.85.05-3~deb12u1
)
chromium_home="$CHAOS_CI_HOME/chromium-$(printf '%s\n' "${chromium_packages[@]}" | sha256sum | cut -c1-16)"
if [ ! -f "$chromium_home/.complete" ]; then
  echo "setup: installing Chromium $chromium_version into $chromium_home"
  rm -rf "$chromium_home"
  mkdir -p "$chromium_home/debs"
  (cd "$chromium_home/debs" && apt-get download -q "${chromium_packages[@]}" >/dev/null 2>"$chromium_home/download.log") || {
    echo "setup: apt-get download failed (run apt-get update first, or move a pin):" >&2
    grep -v '^W:' "$chromium_home/download.log" >&2
    return 1
  }
  for deb in "$chromium_home"/debs/*.deb; do dpkg -x "$deb" "$chromium_home/root"; done
  rm -rf "$chromium_home/debs" "$chromium_home/download.log"
  chromium_libs="$chromium_home/root/usr/lib/$(uname -m)-linux-gnu"
  cat >"$chromium_home/chromium" <<EOF
#!/bin/sh
LD_LIBRARY_PATH="$chromium_libs:$chromium_libs/pulseaudio\${LD_LIBRARY_PATH:+:\$LD_LIBRARY_PATH}" \\
  exec "$chromium_home/root/usr/lib/chromium/chromium" "\$@"
EOF
  chmod +x "$chromium_home/chromium"
  chromium_missing="$(LD_LIBRARY_PATH="$chromium_libs:$chromium_libs/pulseaudio" \
    ldd "$chromium_home/root/usr/lib/chromium/chromium" | grep 'not found' || true)"
  if [ -n "$chromium_missing" ]; then
    echo "setup: Chromium lacks shared libraries on this machine; add their packages to 60-chromium.sh:" >&2
    echo "$chromium_missing" >&2
    return 1
  fi
  "$chromium_home/chromium" --version
  touch "$chromium_home/.complete"
fi
export CHAOS_CHROMIUM="$chromium_home/chromium"
unset chromium_version chromium_packages chromium_home chromium_libs chromium_missing deb
