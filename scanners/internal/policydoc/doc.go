// Package policydoc reads IAM and S3 bucket policy documents for what the
// checks need: whether a document allows every action on every resource,
// and whether a resource policy lets anyone in. The Terraform adapter reads
// documents from code, the AWS collector from the API; both judge them
// here so a document means the same from either source.
package policydoc
