package dev.chaosaction.policy;

/**
 * What the deployment lets an experiment do, where its author is not the operator: which environment variables
 * it reads, which addresses its HTTP requests reach, which sensitive functions it calls. Adapters build it from
 * their deployment settings (the Lambda function's environment, the Action's inputs); the command line, whose
 * user is the operator, uses {@link #OPEN}.
 */
public record TrustPolicy(EnvPolicy env, EgressPolicy egress, FunctionPolicy functions) {
    public static final TrustPolicy OPEN = new TrustPolicy(EnvPolicy.OPEN, EgressPolicy.OPEN, FunctionPolicy.OPEN);
}
