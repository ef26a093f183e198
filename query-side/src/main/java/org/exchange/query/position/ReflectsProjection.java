package org.exchange.query.position;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names the projection (event processor) whose read model an endpoint answers from. Its answers
 * then carry the event-store position that read model reflects ({@value ReadPositionInterceptor#HEADER}),
 * and honour {@code ?minPosition=} ({@link ReadPositionInterceptor}).
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
public @interface ReflectsProjection {

    /** The processor's name, e.g. {@code orders}. */
    String value();
}
