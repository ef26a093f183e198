package org.exchange.platform.search;

import org.opensearch.client.opensearch._types.mapping.DynamicMapping;
import org.opensearch.client.opensearch._types.mapping.Property;
import org.opensearch.client.opensearch._types.mapping.TypeMapping;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A strict mapping (a document with a field it does not declare is refused), with decimals written
 * the one way {@link DecimalUnits} describes.
 */
final class StrictMapping {

    private final Map<String, Property> properties = new LinkedHashMap<>();

    static StrictMapping of() {
        return new StrictMapping();
    }

    StrictMapping keyword(String... names) {
        return add(Property.of(p -> p.keyword(k -> k)), names);
    }

    StrictMapping longs(String... names) {
        return add(Property.of(p -> p.long_(l -> l)), names);
    }

    StrictMapping dates(String... names) {
        return add(Property.of(p -> p.date(d -> d)), names);
    }

    StrictMapping booleans(String... names) {
        return add(Property.of(p -> p.boolean_(b -> b)), names);
    }

    /** Each decimal as its exact string ({@code name}) and its units ({@code nameUnits}). */
    StrictMapping decimals(String... names) {
        for (String name : names) {
            keyword(name);
            longs(name + "Units");
        }
        return this;
    }

    TypeMapping build() {
        return TypeMapping.of(m -> m.dynamic(DynamicMapping.Strict).properties(Map.copyOf(properties)));
    }

    private StrictMapping add(Property property, String... names) {
        for (String name : names) {
            properties.put(name, property);
        }
        return this;
    }
}
