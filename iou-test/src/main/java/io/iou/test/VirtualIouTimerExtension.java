package io.iou.test;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Installs a {@link VirtualIouTimer} before each test and closes it after, and passes it to test
 * methods that declare a parameter of that type. Use it through {@link IouVirtualTime}, which also
 * keeps such tests from running in parallel with others.
 */
public class VirtualIouTimerExtension implements BeforeEachCallback, AfterEachCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(VirtualIouTimerExtension.class);

    /** Creates the extension; JUnit does. */
    public VirtualIouTimerExtension() {
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        context.getStore(NAMESPACE).put(VirtualIouTimer.class, VirtualIouTimer.install());
    }

    @Override
    public void afterEach(ExtensionContext context) {
        VirtualIouTimer timer = context.getStore(NAMESPACE).remove(VirtualIouTimer.class, VirtualIouTimer.class);
        if (timer != null) {
            timer.close();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == VirtualIouTimer.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getStore(NAMESPACE).get(VirtualIouTimer.class, VirtualIouTimer.class);
    }
}
