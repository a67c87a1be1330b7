# Sourced by scripts/network.sh: the server's settings (deploy/iap.env.example), read from the
# file the services read too, /etc/iap.env where it exists, or the file IAP_ENV_FILE names.
# What the command line or the environment says wins (`make network PORT=8502`), as it does
# over a unit's EnvironmentFile. KEY=value lines; blank lines and # comments are skipped.
env_file="${IAP_ENV_FILE:-/etc/iap.env}"
if [ -n "${IAP_ENV_FILE:-}" ] && [ ! -r "$env_file" ]; then
  echo "The settings file $env_file cannot be read." >&2
  exit 1
fi
if [ -r "$env_file" ]; then
  while IFS= read -r line || [ -n "$line" ]; do
    line="${line#"${line%%[![:space:]]*}"}"
    case "$line" in '' | '#'*) continue ;; esac
    key="${line%%=*}" value="${line#*=}"
    value="${value%\"}" value="${value#\"}"
    [[ "$key" =~ ^[A-Za-z_][A-Za-z0-9_]*$ ]] || continue
    [ -n "${!key+set}" ] || export "$key=$value"
  done <"$env_file"
  echo "Settings read from $env_file."
fi
