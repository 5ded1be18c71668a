#!/usr/bin/env bash
# Makes the edge's Swarm secrets for a first deploy (deploy/docker-stack.edge.yml), each one that
# does not exist yet:
#   - EDGE_CERTIFICATE_SECRET (edge_certificate): a certificate for EDGE_HOSTNAMES (localhost,
#     127.0.0.1 and this host's name) with its key, signed by a local CA made once in DIR
#     (tmp/edge); clients trust DIR/ca.pem. For a real certificate, see docs/DEPLOYMENT.md.
#   - EDGE_USERS_SECRET (edge_users): HAProxy's `operators` userlist with EDGE_USER (operator) and
#     EDGE_PASSWORD, or a random password printed once on stderr.
#   tools/docker/edge-secrets.sh [DIR]
set -euo pipefail
dir=${1:-tmp/edge}
cert_secret=${EDGE_CERTIFICATE_SECRET:-edge_certificate}
users_secret=${EDGE_USERS_SECRET:-edge_users}
hostnames=${EDGE_HOSTNAMES:-localhost,127.0.0.1,$(hostname)}
mkdir -p "$dir"
umask 077

exists() { docker secret inspect "$1" >/dev/null 2>&1; }

if ! exists "$cert_secret"; then
  if [[ ! -f $dir/ca.pem ]]; then
    openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 3650 \
      -subj '/CN=landscape local CA' -keyout "$dir/ca.key" -out "$dir/ca.pem" 2>/dev/null
  fi
  san=$(tr ',' '\n' <<<"$hostnames" | awk '{ printf "%s%s:%s", (NR > 1 ? "," : ""), ($0 ~ /^[0-9.]+$/ ? "IP" : "DNS"), $0 }')
  openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes \
    -subj "/CN=${hostnames%%,*}" -keyout "$dir/edge.key" -out "$dir/edge.csr" 2>/dev/null
  openssl x509 -req -in "$dir/edge.csr" -CA "$dir/ca.pem" -CAkey "$dir/ca.key" -CAcreateserial \
    -days 397 -extfile <(printf 'subjectAltName=%s\nextendedKeyUsage=serverAuth\n' "$san") \
    -out "$dir/edge.crt" 2>/dev/null
  # HAProxy reads the certificate, its chain and the key from one PEM file.
  cat "$dir/edge.crt" "$dir/ca.pem" "$dir/edge.key" | docker secret create "$cert_secret" - >/dev/null
  echo "edge-secrets: $cert_secret for $hostnames, signed by $dir/ca.pem" >&2
fi

if ! exists "$users_secret"; then
  user=${EDGE_USER:-operator}
  password=${EDGE_PASSWORD:-}
  if [[ -z $password ]]; then
    password=$(openssl rand -base64 18)
    echo "edge-secrets: the password of $user is $password" >&2
  fi
  # SHA-512 crypt: HAProxy hashes the password of every request that carries one, so a hash that
  # costs tens of milliseconds (bcrypt) would hand a client the edge's CPU.
  hash=$(openssl passwd -6 -stdin <<<"$password")
  printf 'userlist operators\n  user %s password %s\n' "$user" "$hash" | docker secret create "$users_secret" - >/dev/null
  echo "edge-secrets: $users_secret with the user $user" >&2
fi
