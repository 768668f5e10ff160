# METADATA
# description: |
#   The S3 bucket each CloudTrail trail writes to, shared by the trail-bucket
#   checks. A trail whose bucket is in the model is paired with it; a trail
#   whose bucket is not (an unresolved reference, a bucket outside the scanned
#   code) is listed in orphans, so the checks can say it is undecided.
package kansa.aws.cloudtrail.trail_buckets

import data.kansa.lib

# pairs are [trail, bucket] for every trail whose bucket is in the model.
pairs contains [trail, bucket] if {
	some trail in input.aws.cloudtrail.trails
	is_string(trail.bucket)
	trail.bucket != ""
	some bucket in input.aws.s3.buckets
	bucket.meta.id == trail.bucket
}

# orphans are the trails whose bucket is not in the model.
orphans contains trail if {
	some trail in input.aws.cloudtrail.trails
	not _paired(trail)
}

_paired(trail) if {
	some [t, _] in pairs
	t == trail
}

# bucket_name(trail) names the trail's bucket in messages.
bucket_name(trail) := trail.s3_bucket_name if {
	lib.known(trail, "s3_bucket_name")
	is_string(trail.s3_bucket_name)
	not startswith(trail.s3_bucket_name, "tf:")
} else := "its bucket"
