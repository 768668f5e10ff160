// Package benchcorpus generates a deterministic, seeded corpus of Terraform
// code for benchmarks: several teams, each with a library of local modules
// (modules calling modules two and three levels deep through "../" paths)
// and root modules per environment that call them with count, for_each,
// dynamic blocks over lists of rule objects, locals, string templates,
// functions and terraform.tfvars. Resources mix AWS and Alibaba Cloud in
// roughly the proportions of public repositories, security-relevant ones
// (security groups and rules, VPCs and flow logs, trails, buckets, log
// groups, IAM attachments, logstores) among many that no check reads
// (instances, subnets, route tables, load balancers, databases, queues).
//
// The same scale and seed always give the same bytes (Corpus.Digest), and a
// larger scale extends a smaller one: team i is generated from the seed and
// i alone. Scale 1 is about 2,000 .tf/.tfvars files.
//
// Its neighbours: internal/bench and scripts/bench.sh write the corpus to
// disk and scan it through scanners/terraform and internal/scan; nothing in
// kansa's scan path imports this package.
package benchcorpus
