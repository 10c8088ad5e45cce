#!/usr/bin/env bash
# Builds the function JARs and deploys template.yaml to LocalStack, then prints the API's URL.
#
#   LOCALSTACK_AUTH_TOKEN=... infra/localstack/deploy.sh
#
# Starts LocalStack with infra/localstack/compose.yaml unless one already answers at
# $LOCALSTACK_ENDPOINT (default http://localhost:4566). Deploys with samlocal or sam when installed,
# else with the AWS CLI (cloudformation package + deploy); every AWS call goes to LocalStack, never
# to an AWS account. The operator token for /v1/admin routes is made once and kept in
# .local/localstack-admin-token; the stack gets only its SHA-256 (AdminTokenSha256).
#
# Settings (environment): LOCALSTACK_ENDPOINT, STACK_NAME (autocentric), AWS_DEFAULT_REGION
# (us-east-1), ARTIFACT_BUCKET (autocentric-artifacts), SKIP_BUILD=1 to deploy the JARs already
# built, PARAMETER_OVERRIDES for more template parameters ("Name=value Name=value").
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
compose_file="$root/infra/localstack/compose.yaml"
endpoint=${LOCALSTACK_ENDPOINT:-http://localhost:4566}
endpoint=${endpoint%/}
stack=${STACK_NAME:-autocentric}
bucket=${ARTIFACT_BUCKET:-autocentric-artifacts}
export AWS_DEFAULT_REGION=${AWS_DEFAULT_REGION:-us-east-1}
# LocalStack takes any credentials; these keep a real profile's from being used by mistake
export AWS_ACCESS_KEY_ID=${LOCALSTACK_ACCESS_KEY_ID:-test}
export AWS_SECRET_ACCESS_KEY=${LOCALSTACK_SECRET_ACCESS_KEY:-test}
unset AWS_SESSION_TOKEN AWS_PROFILE
# the SDKs behind sam and aws send every call here
export AWS_ENDPOINT_URL=$endpoint

say() { echo "deploy: $*"; }
die() { echo "deploy: $*" >&2; exit 1; }
have() { command -v "$1" >/dev/null 2>&1; }
healthy() { curl -fsS --max-time 5 "$endpoint/_localstack/health" >/dev/null 2>&1; }

# ------------------------------------------------------------------ prerequisites
have curl || die "curl is needed (apt-get install curl, or your system's package manager)"
have python3 || die "python3 is needed to read LocalStack's answers"
if have samlocal; then
  deployer=samlocal
elif have sam; then
  deployer=sam
elif have aws; then
  deployer=aws
else
  die "install the SAM CLI (sam, or samlocal from pip install aws-sam-cli-local) or the AWS CLI (aws)"
fi
if [ "$deployer" != aws ] && ! have aws; then
  die "the AWS CLI (aws) is needed too, to read the stack and create the artifact bucket"
fi

if healthy; then
  say "LocalStack answers at $endpoint"
else
  have docker || die "no LocalStack at $endpoint and no docker to start one: install Docker, or set LOCALSTACK_ENDPOINT"
  docker info >/dev/null 2>&1 || die "docker is installed but its daemon does not answer; start Docker first"
  if docker compose version >/dev/null 2>&1; then
    compose=(docker compose)
  elif have docker-compose; then
    compose=(docker-compose)
  else
    die "Docker Compose is needed to start LocalStack (the docker compose plugin or docker-compose)"
  fi
  [ -n "${LOCALSTACK_AUTH_TOKEN:-}" ] || die "set LOCALSTACK_AUTH_TOKEN: LocalStack images since 2026-03-23 start only with an \
account's auth token (free for non-commercial use; create one at app.localstack.cloud)"
  [ "$endpoint" = http://localhost:4566 ] || die "nothing answers at $endpoint; start LocalStack there, or unset LOCALSTACK_ENDPOINT"
  say "starting LocalStack ($compose_file)"
  "${compose[@]}" -f "$compose_file" up -d --wait || die "LocalStack did not start; see: ${compose[*]} -f $compose_file logs"
  healthy || die "LocalStack started but does not answer at $endpoint"
fi

# The HTTP API needs API Gateway v2, which not every LocalStack plan includes.
health=$(curl -fsS --max-time 5 "$endpoint/_localstack/health")
for service in cloudformation lambda dynamodb dynamodbstreams sqs events apigatewayv2; do
  state=$(printf '%s' "$health" | python3 -c 'import json, sys; print(json.load(sys.stdin).get("services", {}).get(sys.argv[1], "missing"))' "$service")
  case "$state" in
    available|initialized|running) ;;
    disabled|error) die "LocalStack's $service is $state; the stack needs it (check SERVICES in $compose_file and your plan)" ;;
    *) say "warning: LocalStack does not list $service as available ($state); the deploy may fail on it" ;;
  esac
done

# ------------------------------------------------------------------ build
if [ "${SKIP_BUILD:-}" != 1 ]; then
  have mvn || die "Maven (mvn) is needed to build the function JARs (or set SKIP_BUILD=1)"
  JAVA_HOME=$("$root/infra/scripts/find-jdk") || die "a JDK 21 or newer is needed to build the function JARs"
  export JAVA_HOME
  say "building the function JARs (mvn package)"
  (cd "$root" && mvn -B -q -DskipTests package)
fi
sed -n 's/^ *CodeUri: *//p' "$root/template.yaml" | sort -u | while read -r jar; do
  [ -f "$root/$jar" ] || die "$jar is missing; build it with mvn -DskipTests package"
done

# ------------------------------------------------------------------ operator token
token_file="$root/.local/localstack-admin-token"
if [ ! -s "$token_file" ]; then
  mkdir -p "$(dirname "$token_file")"
  (umask 077 && od -An -tx1 -N32 /dev/urandom | tr -d ' \n' >"$token_file")
fi
if have sha256sum; then
  admin_hash=$(tr -d '\n' <"$token_file" | sha256sum | cut -d' ' -f1)
else
  admin_hash=$(tr -d '\n' <"$token_file" | shasum -a 256 | cut -d' ' -f1)
fi

# ------------------------------------------------------------------ deploy
aws s3api head-bucket --bucket "$bucket" >/dev/null 2>&1 || aws s3api create-bucket --bucket "$bucket" >/dev/null
# LocalMode relaxes what needs a public network (https-only webhook URLs)
read -r -a overrides <<<"AdminTokenSha256=$admin_hash LocalMode=true ${PARAMETER_OVERRIDES:-}"
say "deploying $root/template.yaml as stack $stack with $deployer"
case "$deployer" in
  samlocal|sam)
    "$deployer" deploy --template-file "$root/template.yaml" --stack-name "$stack" --s3-bucket "$bucket" \
      --capabilities CAPABILITY_IAM CAPABILITY_AUTO_EXPAND --no-confirm-changeset --no-fail-on-empty-changeset \
      --parameter-overrides "${overrides[@]}"
    ;;
  aws)
    packaged=$(mktemp "${TMPDIR:-/tmp}/autocentric-packaged.XXXXXX")
    trap 'rm -f "$packaged"' EXIT
    aws cloudformation package --template-file "$root/template.yaml" --s3-bucket "$bucket" \
      --output-template-file "$packaged" >/dev/null
    aws cloudformation deploy --template-file "$packaged" --stack-name "$stack" \
      --capabilities CAPABILITY_IAM CAPABILITY_AUTO_EXPAND --no-fail-on-empty-changeset \
      --parameter-overrides "${overrides[@]}"
    ;;
esac

# ------------------------------------------------------------------ where it answers
api_id=$(aws cloudformation describe-stack-resource --stack-name "$stack" --logical-resource-id MarketplaceApi \
  --query StackResourceDetail.PhysicalResourceId --output text)
port=${endpoint##*:}
api_url="http://$api_id.execute-api.localhost.localstack.cloud:$port"
code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 120 "$api_url/v1/dealers/nearest?zip=48226" || true)
say "GET /v1/dealers/nearest answered $code (the first call starts the function's container)"
echo
echo "API:            $api_url"
echo "operator token: $token_file"
echo "stop LocalStack: docker compose -f $compose_file down -v"
