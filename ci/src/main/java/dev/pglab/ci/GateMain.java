package dev.pglab.ci;

/**
 * Entry point of the {@code -Pbench} gate step (exec:exec in ci's bench profile); configured by system
 * properties, see {@link GateOptions#fromSystemProperties()}. Exit 1 on REGRESSION (unless
 * {@code -Dpglab.gate=warn}), 2 on unreadable input.
 */
public final class GateMain {
    private GateMain() {
    }

    public static void main(String[] args) throws Exception {
        int code;
        try {
            code = new GateRun(GateOptions.fromSystemProperties(), dev.pglab.ci.ab.AbRequest.fromSystemProperties(), System.out)
                    .run().exitCode();
        } catch (java.io.IOException | IllegalArgumentException | IllegalStateException e) {
            System.err.println("pglab gate: " + e.getMessage());
            code = 2;
        }
        System.exit(code);
    }
}
