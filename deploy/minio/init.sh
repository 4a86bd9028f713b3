#!/bin/sh
# Run by the minio-init service (minio/mc image): creates the seqtune bucket and a user for the
# workers whose policy reaches that bucket only. Safe to run again. Secrets arrive through the
# environment and are never echoed.
set -eu
: "${MINIO_ROOT_USER:?}" "${MINIO_ROOT_PASSWORD:?}" "${S3_ACCESS_KEY:?}" "${S3_SECRET_KEY:?}"
BUCKET="${S3_BUCKET:-seqtune}"

tries=0
until mc alias set local http://minio:9000 "$MINIO_ROOT_USER" "$MINIO_ROOT_PASSWORD" >/dev/null 2>&1; do
  tries=$((tries + 1))
  if [ "$tries" -ge 60 ]; then
    echo "minio-init: MinIO did not answer at http://minio:9000" >&2
    exit 1
  fi
  sleep 2
done

mc mb --ignore-existing "local/$BUCKET"

cat > /tmp/seqtune-rw.json <<JSON
{
  "Version": "2012-10-17",
  "Statement": [
    {"Effect": "Allow", "Action": ["s3:GetBucketLocation", "s3:ListBucket", "s3:ListBucketMultipartUploads"],
     "Resource": ["arn:aws:s3:::$BUCKET"]},
    {"Effect": "Allow", "Action": ["s3:GetObject", "s3:PutObject", "s3:DeleteObject",
                                   "s3:AbortMultipartUpload", "s3:ListMultipartUploadParts"],
     "Resource": ["arn:aws:s3:::$BUCKET/*"]}
  ]
}
JSON
mc admin policy create local seqtune-rw /tmp/seqtune-rw.json >/dev/null
mc admin user add local "$S3_ACCESS_KEY" "$S3_SECRET_KEY" >/dev/null
# Attaching an already attached policy is an error: accept it only when the policy is in place.
if ! mc admin policy attach local seqtune-rw --user "$S3_ACCESS_KEY" >/dev/null 2>&1; then
  mc admin user info local "$S3_ACCESS_KEY" | grep -q seqtune-rw
fi
echo "minio-init: bucket $BUCKET ready for user $S3_ACCESS_KEY"
