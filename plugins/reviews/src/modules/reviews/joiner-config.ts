import { defineJoinerConfig } from "@medusajs/framework/utils"
import { Review } from "./models/review"
import { ReviewMedia } from "./models/review-media"
import { ReviewReply } from "./models/review-reply"
import { ReviewRequest } from "./models/review-request"
import { ReviewSummary } from "./models/review-summary"
import { ReviewVote } from "./models/review-vote"

export const REVIEWS_MODULE = "keelReviews"

/**
 * How Query reaches the module. The tables (and so the entity names: `keel_review`…) carry the
 * `keel_` prefix, the service's methods do not (`listReviews`); the generated config would call
 * `listKeelReviews`, which does not exist, so each entity names its method suffix here.
 */
export const joinerConfig = defineJoinerConfig(REVIEWS_MODULE, {
  models: [Review, ReviewMedia, ReviewReply, ReviewVote, ReviewSummary, ReviewRequest],
  alias: [
    { name: ["keel_review", "keel_reviews"], entity: "KeelReview", args: { methodSuffix: "Reviews" } },
    { name: ["keel_review_media", "keel_review_medias"], entity: "KeelReviewMedia", args: { methodSuffix: "ReviewMedias" } },
    { name: ["keel_review_reply", "keel_review_replies"], entity: "KeelReviewReply", args: { methodSuffix: "ReviewReplies" } },
    { name: ["keel_review_vote", "keel_review_votes"], entity: "KeelReviewVote", args: { methodSuffix: "ReviewVotes" } },
    { name: ["keel_review_summary", "keel_review_summaries"], entity: "KeelReviewSummary", args: { methodSuffix: "ReviewSummaries" } },
    { name: ["keel_review_request", "keel_review_requests"], entity: "KeelReviewRequest", args: { methodSuffix: "ReviewRequests" } },
  ],
})
