package dev.chaosaction.policy;

import dev.chaosaction.activity.Signature;
import java.util.List;

/**
 * Which native functions an experiment may call beyond the ones that only look at the cluster's state. Functions
 * that run commands in pods or read what pods write ({@link Signature#sensitive}: {@code exec_in_pods},
 * {@code read_pod_logs}) hand whatever they find to the experiment, and an experiment can post it anywhere it
 * may reach: where the author is not the operator they are refused unless the deployment lists them.
 */
public final class FunctionPolicy {
    /** Every function: the command line. */
    public static final FunctionPolicy OPEN = new FunctionPolicy(null);

    /** Null when every function is allowed; else qualified ({@code module.func}) or bare function names. */
    private final AllowList allowed;

    private FunctionPolicy(AllowList allowed) {
        this.allowed = allowed;
    }

    /**
     * Sensitive functions allowed only when {@code list} (a comma list of {@code module.func} or function names)
     * names them.
     */
    public static FunctionPolicy allowing(String list, String setting) {
        return new FunctionPolicy(AllowList.parse(list, setting));
    }

    /** Why {@code signature} may not be called here, or null when it may. */
    public String refusal(Signature signature) {
        if (allowed == null || !signature.sensitive()) return null;
        List<String> names = allowed.entries();
        if (names.contains(signature.func()) || names.contains(signature.qualifiedName())) return null;
        return "'" + signature.qualifiedName() + "' " + signature.effect().description() + ", which an experiment"
                + " could post anywhere: it is not allowed here unless the deployment lists it in " + allowed.setting();
    }
}
