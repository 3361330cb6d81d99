package io.iou.spring.jackson;

import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.module.SimpleModule;

import io.iou.IOU;

/**
 * Refuses to read an {@link IOU} from JSON, with an error that says what is wrong. An IOU is a
 * promise of a value, never a value in a body; but it has a public no-argument constructor, so
 * without this module Jackson would read any JSON object into a fresh IOU that never settles. That
 * is what an HTTP interface method returning {@code IOU<T>} got when IOU was not in the
 * {@code ReactiveAdapterRegistry} (Spring then decodes the body into the return type), and what an
 * HTTP interface client over {@code RestClient}, which has no async return types, still gets.
 *
 * <p>Jackson finds this module through {@link java.util.ServiceLoader}, as Spring's default codecs
 * and Boot's {@code JsonMapper} ({@code spring.jackson.find-and-add-modules}) load modules, so it
 * applies wherever the IOU Spring jar is on the class path, with or without the auto-configuration.
 */
public class IouJacksonModule extends SimpleModule {

    private static final long serialVersionUID = 1L;

    /** The message of the error. */
    static final String MESSAGE = "An IOU cannot be read from a message body: it is a promise of a value, not a value. "
            + "An HTTP interface method that returns IOU needs a WebClient-based client (for an HTTP service group, "
            + "clientType = WEB_CLIENT) and IOU registered in Spring's ReactiveAdapterRegistry: the IOU starter "
            + "registers it; plain Spring calls IouReactiveAdapter.registerWithSharedInstance() at startup.";

    /** Creates the module. */
    public IouJacksonModule() {
        super("iou");
        addDeserializer(IOU.class, new Refusal());
    }

    /** Fails every read of an IOU. */
    @SuppressWarnings("rawtypes")
    static final class Refusal extends ValueDeserializer<IOU> {

        @Override
        public IOU deserialize(JsonParser parser, DeserializationContext context) {
            return context.reportBadDefinition(context.constructType(IOU.class), MESSAGE);
        }
    }
}
