package dev.pglab.harness.pg;

import java.util.Arrays;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives tests a started {@link PgServer}, one per profile set per JVM: the server lives in JUnit's root store
 * and stops when the test JVM's run ends. Use with {@link WithPg}.
 */
public final class PgServerExtension implements ParameterResolver {
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(PgServerExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == PgServer.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        ServerProfile[] profiles = profilesFor(parameter, context);
        PgServerConfig config = PgServerConfig.fromEnvironment(profiles);
        String key = config.source() + ":" + config.profileKey();
        try {
            return context.getRoot().getStore(NS)
                    .getOrComputeIfAbsent(key, k -> new SharedServer(PgServer.start(config)), SharedServer.class)
                    .server();
        } catch (PgServerException e) {
            throw new ParameterResolutionException(e.getMessage(), e);
        }
    }

    private static ServerProfile[] profilesFor(ParameterContext parameter, ExtensionContext context) {
        WithPg onParam = parameter.getParameter().getAnnotation(WithPg.class);
        if (onParam != null) {
            return onParam.value();
        }
        return context.getTestClass().map(c -> c.getAnnotation(WithPg.class))
                .map(WithPg::value).orElse(new ServerProfile[0]);
    }

    /** Closed by JUnit when the root context closes. */
    private record SharedServer(PgServer server) implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() {
            server.close();
        }

        @Override
        public String toString() {
            return server + Arrays.toString(server.profiles().toArray());
        }
    }
}
