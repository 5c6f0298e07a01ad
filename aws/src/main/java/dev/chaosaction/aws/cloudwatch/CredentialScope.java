package dev.chaosaction.aws.cloudwatch;

/**
 * Whose AWS credentials an experiment may choose among. On the command line its author is the operator and may
 * name any of the operator's profiles and roles, as with chaosaws. In the Lambda function and the GitHub Action the
 * author is not the operator: the client is the deployment's (its role, its default chain), and an experiment may
 * only bring keys of its own, never pick another of the deployment's identities.
 */
public enum CredentialScope {
    /** {@code aws_profile_name} and {@code aws_assume_role_arn} are honoured: the command line. */
    OPERATOR,
    /** Only the deployment's default credentials, or the experiment's own keys (and roles assumed with them). */
    DEPLOYMENT
}
