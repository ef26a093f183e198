package org.exchange.platform.cluster;

import org.axonframework.extensions.jgroups.commandhandling.JChannelFactory;
import org.jgroups.JChannel;
import org.springframework.core.env.PropertyResolver;
import org.springframework.core.io.ClassPathResource;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Builds the JGroups channel from an XML stack on the classpath whose {@code ${...}} placeholders
 * are Spring properties. The extension's own factory passes its settings through JVM-wide system
 * properties instead, which is wrong as soon as two nodes share a JVM (tests) and hides where a
 * value came from. Fails at start-up when a placeholder has no value.
 */
final class SpringPropertiesChannelFactory implements JChannelFactory {

    private final String stackResource;
    private final PropertyResolver properties;

    SpringPropertiesChannelFactory(String stackResource, PropertyResolver properties) {
        this.stackResource = stackResource;
        this.properties = properties;
    }

    @Override
    public JChannel createChannel() throws Exception {
        String stack;
        try (InputStream xml = new ClassPathResource(stackResource).getInputStream()) {
            stack = properties.resolveRequiredPlaceholders(new String(xml.readAllBytes(), StandardCharsets.UTF_8));
        }
        return new JChannel(new ByteArrayInputStream(stack.getBytes(StandardCharsets.UTF_8)));
    }
}
