#!/usr/bin/env bash
# Set up everything the report needs, idempotently:
#   1. the PDF toolchain from Debian packages (XeLaTeX, pandoc, Noto CJK fonts, poppler),
#      plus Chromium for the reader tests when called with --test;
#   2. .venv with the project and the exact versions of requirements.lock;
#   3. a Jupyter kernel "python3" inside .venv (used by papermill and JupyterLab).
# A second run checks each step and skips what is in place. Sourced, it only defines its functions
# (the tests call install_reason on a made-up .venv).
set -euo pipefail

PYTHON=${PYTHON:-python3}
APT_PACKAGES=(texlive-xetex texlive-fonts-recommended texlive-plain-generic pandoc fonts-noto-cjk poppler-utils)
WITH_TEST=0
[[ "${1:-}" == "--test" ]] && WITH_TEST=1 && APT_PACKAGES+=(chromium)

say() { printf '[setup] %s\n' "$*" >&2; }

missing_packages() {
  local missing=()
  for pkg in "${APT_PACKAGES[@]}"; do
    if command -v dpkg-query >/dev/null 2>&1; then
      dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
    fi
  done
  echo "${missing[@]:-}"
}

install_system_packages() {
  local missing
  missing=$(missing_packages)
  if [[ -z "$missing" ]]; then
    say "system packages present: ${APT_PACKAGES[*]}"
    return
  fi
  local cmd="apt-get install -y --no-install-recommends $missing"
  if ! command -v apt-get >/dev/null 2>&1; then
    say "error: missing system packages ($missing) and no apt-get here."
    say "Install the equivalents of: $missing (XeLaTeX, pandoc, Noto CJK fonts, poppler, chromium), then rerun."
    exit 1
  fi
  local sudo=""
  if [[ $(id -u) -ne 0 ]]; then
    if sudo -n true 2>/dev/null; then sudo="sudo"; else
      say "error: missing Debian packages: $missing"
      say "Run this once as root, then rerun make:"
      say "  sudo apt-get update && sudo $cmd"
      exit 1
    fi
  fi
  say "installing Debian packages (about 700 MB, 1-2 minutes): $missing"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo $cmd -qq >/dev/null
  say "installed: $missing"
}

install_stamp() {
  (cat requirements.lock pyproject.toml; pwd -P) | sha256sum | cut -d' ' -f1
}

# Why .venv needs the project installed (again), or nothing when the install is in place; run in the project.
install_reason() {
  local here imported
  here=$(pwd -P)
  # A .venv copied along with the project still imports the original's src/: compare where nkreport loads from.
  imported=$(cd / && "$here/.venv/bin/python" -c 'import nkreport, pathlib; print(pathlib.Path(nkreport.__file__).resolve().parents[1])' 2>/dev/null || true)
  if [[ -z "$imported" ]]; then
    echo "nkreport is not installed in .venv"
  elif [[ "$imported" != "$here/src" ]]; then
    echo ".venv imports nkreport from $imported, not from $here/src"
  elif [[ ! -f .venv/.nkreport-installed || "$(cat .venv/.nkreport-installed)" != "$(install_stamp)" ]]; then
    echo "requirements.lock or pyproject.toml changed since the last install"
  fi
}

install_python() {
  if [[ ! -x .venv/bin/python ]]; then
    say "creating .venv with $($PYTHON --version)"
    "$PYTHON" -m venv .venv
  fi
  local reason
  reason=$(install_reason)
  if [[ -z "$reason" ]]; then
    say "Python packages up to date (requirements.lock)"
    return
  fi
  say "$reason: installing the project and the pinned packages of requirements.lock into .venv"
  .venv/bin/python -m pip install -q --upgrade pip
  .venv/bin/python -m pip install -q -c requirements.lock -e ".[test]"
  install_stamp > .venv/.nkreport-installed
}

install_kernel() {
  local spec=.venv/share/jupyter/kernels/python3/kernel.json
  if [[ -f $spec ]] && grep -q "$(pwd)/.venv" "$spec"; then
    say "Jupyter kernel python3 registered in .venv"
    return
  fi
  say "registering the Jupyter kernel python3 for .venv"
  .venv/bin/python -m ipykernel install --sys-prefix --name python3 --display-name "Python 3 (nkreport)" >/dev/null
}

main() {
  cd "$(dirname "${BASH_SOURCE[0]}")/.."
  install_system_packages
  install_python
  install_kernel
  say "ready"
}

if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then
  main
fi
