#!/usr/bin/env bash
# System packages docgen needs, installed with apt-get (Debian/Ubuntu). Idempotent:
# it installs only what is missing, so `make render` / `make test` can call it every time.
#
#   LibreOffice Writer (headless)  — the tests convert the .docx to PDF with the real client
#   LibreOffice Calc (headless)    — the tests read the 自评表 .xlsx as the real client shows it
#   CJK fonts                      — free stand-ins for 仿宋/黑体/楷体/宋体/小标宋 (layout.md)
#   FandolFang/Kai/Hei/Song        — taken from texlive-lang-chinese's .deb without installing TeX
#   libharfbuzz-subset0            — WeasyPrint subsets CJK fonts in ~0.1 s instead of ~12 s
#   Pango                          — WeasyPrint's text layout
#   poppler-utils                  — pdftoppm, to look at pages as pictures
#   fontconfig aliases             — scripts/fontconfig/41-docgen-official-fonts.conf: the .docx's
#                                    Windows font names (仿宋_GB2312, 黑体 …) → the same stand-ins as the PDF
set -euo pipefail

PACKAGES=(
  libreoffice-writer-nogui libreoffice-calc-nogui
  fonts-noto-cjk fonts-arphic-gbsn00lp fonts-arphic-gkai00mp fonts-arphic-uming fonts-arphic-ukai
  fonts-liberation fonts-wqy-zenhei
  libharfbuzz-subset0 libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b fontconfig
  poppler-utils
)
FANDOL_DIR=/usr/local/share/fonts/fandol
FANDOL_FILES=(FandolFang-Regular.otf FandolKai-Regular.otf FandolHei-Regular.otf FandolHei-Bold.otf
              FandolSong-Regular.otf FandolSong-Bold.otf)

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
need_fandol=0
for f in "${FANDOL_FILES[@]}"; do [ -f "$FANDOL_DIR/$f" ] || need_fandol=1; done
FC_CONF_SRC="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/fontconfig/41-docgen-official-fonts.conf"
FC_CONF_DST=/etc/fonts/conf.d/41-docgen-official-fonts.conf
need_fcconf=0
cmp -s "$FC_CONF_SRC" "$FC_CONF_DST" || need_fcconf=1

if [ ${#missing[@]} -eq 0 ] && [ $need_fandol -eq 0 ] && [ $need_fcconf -eq 0 ]; then
  echo "setup-system: all system packages present."
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  SUDO=sudo
  command -v sudo >/dev/null || {
    echo "setup-system: missing ${missing[*]:-} FandolFang=$need_fandol fontconfig-aliases=$need_fcconf;" \
         "run this script as root." >&2
    exit 1
  }
else
  SUDO=
fi

export DEBIAN_FRONTEND=noninteractive
if [ ${#missing[@]} -gt 0 ] || [ $need_fandol -eq 1 ]; then
  $SUDO apt-get update -q
fi
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup-system: installing ${missing[*]}"
  $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

if [ $need_fandol -eq 1 ]; then
  # FandolFang is the only free simplified 仿宋 packaged in Debian; it ships inside
  # texlive-lang-chinese. Take just the font files from the .deb, not TeX.
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' EXIT
  chmod 0777 "$tmp"  # apt-get download runs as _apt and must write here
  (cd "$tmp" && apt-get download -q texlive-lang-chinese)
  dpkg-deb -x "$tmp"/texlive-lang-chinese_*.deb "$tmp/x"
  $SUDO mkdir -p "$FANDOL_DIR"
  for f in "${FANDOL_FILES[@]}"; do
    $SUDO install -m 0644 "$tmp/x/usr/share/texlive/texmf-dist/fonts/opentype/public/fandol/$f" "$FANDOL_DIR/$f"
  done
  $SUDO install -m 0644 "$tmp/x/usr/share/doc/texlive-doc/fonts/fandol/COPYING.gz" "$FANDOL_DIR/COPYING.gz" || true
fi
if [ $need_fcconf -eq 1 ]; then
  echo "setup-system: installing $FC_CONF_DST"
  $SUDO install -D -m 0644 "$FC_CONF_SRC" "$FC_CONF_DST"
fi
$SUDO fc-cache -f >/dev/null
echo "setup-system: done."
