#!/bin/sh
# Runs a command with an unlocked GNOME Keyring on the current D-Bus session bus.
# Use as: dbus-run-session -- sh test/keychain/with-keyring.sh <command...>
# A fresh HOME keeps a stale login keyring (with another password) from locking the collection.
set -e
export HOME="$(mktemp -d)"
mkdir -p "$HOME/.local/share/keyrings"
# The keyring needs a non-empty password on stdin to create and unlock the login collection.
eval "$(printf 'cove-tray-ci' | gnome-keyring-daemon --unlock --components=secrets)"
export GNOME_KEYRING_CONTROL SSH_AUTH_SOCK
exec "$@"
