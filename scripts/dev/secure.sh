# shellcheck shell=bash
# Sourced by ./dev: `./dev up --secure`, the local stack with TLS on the services' ports and bearer
# tokens, as production runs them (PostgreSQL, NATS and Elasticsearch stay plaintext here). The material lives in $STATE/secure: a CA of its own, a server certificate for
# localhost and 127.0.0.1 signed by it, the RSA key pair that signs tokens, and a token that holds
# every scope for 12 hours (made again at each ./dev up --secure).

SECURE_ISSUER=https://dev.cqrsshop.invalid
SECURE_AUDIENCE=cqrsshop
# Every back-office scope of the access rules (option (cqrsshop.v1.access) in the .proto files).
SECURE_SCOPES='cqrsshop.catalog.write cqrsshop.users.write cqrsshop.orders.write cqrsshop.catalog.read cqrsshop.users.read cqrsshop.orders.read cqrsshop.sales.read cqrsshop.history.read cqrsshop.admin'

secure_dir() { echo "$STATE/secure"; }

# The stack runs secure while this marker exists: ./dev start and restart keep the mode of the
# running stack, ./dev down ends it.
secure_on() { [[ -n $STATE && -f $STATE/run/secure ]]; }

base64url() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }

# secure_token SUBJECT SCOPES SECONDS: prints an RS256 JWT signed by the stack's token key, typed
# as an access token (at+jwt, RFC 9068): the services refuse any other typ by default.
secure_token() {
  local dir now header payload signature
  dir=$(secure_dir)
  now=$(date +%s)
  header=$(printf '{"alg":"RS256","typ":"at+jwt"}' | base64url)
  payload=$(printf '{"iss":"%s","aud":"%s","sub":"%s","scope":"%s","iat":%d,"exp":%d}' \
    "$SECURE_ISSUER" "$SECURE_AUDIENCE" "$1" "$2" "$now" $((now + $3)) | base64url)
  signature=$(printf '%s.%s' "$header" "$payload" |
    openssl dgst -sha256 -sign "$dir/token-signing.key" -binary | base64url)
  printf '%s.%s.%s\n' "$header" "$payload" "$signature"
}

# make_secure_material: creates what is missing, once; the token is made again each time.
make_secure_material() {
  local dir
  dir=$(secure_dir)
  mkdir -p "$dir"
  chmod 700 "$dir"
  if [[ ! -f $dir/ca.pem ]]; then
    openssl req -x509 -newkey rsa:2048 -nodes -days 825 -subj '/CN=cqrsshop dev CA' \
      -keyout "$dir/ca.key" -out "$dir/ca.pem" 2>/dev/null || die "openssl cannot make the dev CA"
  fi
  if [[ ! -f $dir/server.pem ]]; then
    if ! openssl req -newkey rsa:2048 -nodes -subj '/CN=localhost' \
      -keyout "$dir/server.key" -out "$dir/server.csr" 2>/dev/null ||
      ! openssl x509 -req -in "$dir/server.csr" -CA "$dir/ca.pem" -CAkey "$dir/ca.key" \
        -CAcreateserial -days 825 -out "$dir/server.pem" \
        -extfile <(printf 'subjectAltName=DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth\n') \
        2>/dev/null; then
      die "openssl cannot make the server certificate"
    fi
    rm -f "$dir/server.csr"
  fi
  if [[ ! -f $dir/token-signing.key ]]; then
    if ! openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 \
      -out "$dir/token-signing.key" 2>/dev/null ||
      ! openssl pkey -in "$dir/token-signing.key" -pubout -out "$dir/token-signing.pub"; then
      die "openssl cannot make the token signing key"
    fi
  fi
  secure_token developer "$SECURE_SCOPES" 43200 >"$dir/token"
  chmod 600 "$dir"/*.key "$dir/token"
}

secure_service_env() { # PREFIX [auth]: TLS (and with auth, token) variables of one service
  local dir
  dir=$(secure_dir)
  echo "${1}TLS_CERT_FILE=$dir/server.pem ${1}TLS_KEY_FILE=$dir/server.key"
  if [[ ${2:-} == auth ]]; then
    echo "${1}AUTH_PUBLIC_KEY_FILE=$dir/token-signing.pub"
    echo "${1}AUTH_ISSUER=$SECURE_ISSUER ${1}AUTH_AUDIENCE=$SECURE_AUDIENCE"
  fi
}

# secure_mode_matches WANTED(0|1): whether the running services, if any, run in that mode.
secure_mode_matches() {
  local running=0
  secure_on && running=1
  [[ $1 == "$running" ]]
}

print_secure_usage() {
  local dir
  dir=$(secure_dir)
  say "TLS and tokens are on. A token with every scope (12 h) is in $dir/token; call with"
  echo "  $STATE/tools/node_modules/.bin/buf curl --protocol grpc --cacert $dir/ca.pem \\"
  echo "    -H \"authorization: Bearer \$(cat $dir/token)\" \\"
  echo "    https://localhost:$DEV_QUERY_PORT/cqrsshop.v1.QueryService/SearchProducts -d '{}'"
  echo "  grpcurl -cacert $dir/ca.pem -H \"authorization: Bearer \$(cat $dir/token)\" \\"
  echo "    -d '{}' localhost:$DEV_QUERY_PORT cqrsshop.v1.QueryService/SearchProducts"
}
