package dev.pglab.cli;

import picocli.CommandLine.IVersionProvider;

/** Version from the jar manifest, plus the JVM it runs on. */
public final class PglabVersion implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = PglabVersion.class.getPackage().getImplementationVersion();
        return new String[] {
                "pglab " + (v == null ? "dev" : v),
                "JVM: " + System.getProperty("java.vm.name") + " " + System.getProperty("java.version"),
                "PostgreSQL (embedded): 17"
        };
    }
}
