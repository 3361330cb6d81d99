package io.iou.spring.http;

import java.util.List;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.LastHttpContent;
import reactor.netty.NettyPipeline;
import reactor.netty.channel.ChannelOperations;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;

import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.util.ClassUtils;

/**
 * Works around a Reactor Netty 1.3.6 server bug (reactor/reactor-netty#4347, fixed in 1.3.8, which
 * Spring Boot manages from 4.0.9) in the servers the tests run: remove it with that upgrade.
 *
 * <p>The bug: a keep-alive request that arrives before the previous exchange on its connection has
 * finished is queued together with its end-of-request marker. When the queued request is answered at
 * once, the marker is drained after its exchange ended and nothing asks the channel to read again, so
 * the next request on the connection is never read (until the client closes it).
 * {@link ReactorNettyKeepAliveTests} reproduces it. This handler sits behind Reactor Netty's
 * {@code HttpTrafficHandler} and, when an end-of-request marker passes while no exchange is in
 * progress, asks for the read that was lost: the condition under which 1.3.8 reads again.
 *
 * <p>{@link #on(HttpServer)} installs it on a server; the nested {@link Factory}, registered in
 * {@code META-INF/spring.factories}, installs it on the Netty server of every test application
 * context through a {@link NettyServerCustomizer}.
 */
@ChannelHandler.Sharable
public final class KeepAliveReadResumer extends ChannelInboundHandlerAdapter {

    private static final KeepAliveReadResumer INSTANCE = new KeepAliveReadResumer();

    private static final String NAME = "iou.test.keepAliveReadResumer";

    private KeepAliveReadResumer() {
    }

    /**
     * Returns {@code server} with the workaround installed on every HTTP/1.1 connection it accepts.
     *
     * @param server the server to configure
     * @return the configured server
     */
    public static HttpServer on(HttpServer server) {
        return server.doOnChannelInit((observer, channel, remoteAddress) -> install(channel));
    }

    private static void install(Channel channel) {
        if (channel.pipeline().get(NettyPipeline.HttpTrafficHandler) != null && channel.pipeline().get(NAME) == null) {
            channel.pipeline().addAfter(NettyPipeline.HttpTrafficHandler, NAME, INSTANCE);
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        boolean endOfRequest = msg instanceof LastHttpContent;
        ctx.fireChannelRead(msg);
        if (endOfRequest && ctx.channel().isActive()
                && !(ChannelOperations.get(ctx.channel()) instanceof HttpServerRequest)) {
            ctx.read();
        }
    }

    /** Installs the workaround on the Netty server of every test application context. */
    static final class Factory implements ContextCustomizerFactory {

        @Override
        public ContextCustomizer createContextCustomizer(Class<?> testClass,
                List<ContextConfigurationAttributes> configAttributes) {
            return ClassUtils.isPresent("org.springframework.boot.reactor.netty.NettyServerCustomizer",
                    testClass.getClassLoader()) ? new Customizer() : null;
        }
    }

    /** Equal to every other instance, so that it leaves the context cache keys alone. */
    record Customizer() implements ContextCustomizer {

        @Override
        public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
            NettyServerCustomizer customizer = KeepAliveReadResumer::on;
            context.getBeanFactory().registerSingleton(NAME, customizer);
        }
    }
}
