package io.tfmesh.support;

import net.jqwik.api.lifecycle.AroundPropertyHook;
import net.jqwik.api.lifecycle.PropertyAttributes;
import net.jqwik.api.lifecycle.PropertyExecutionResult;
import net.jqwik.api.lifecycle.PropertyExecutor;
import net.jqwik.api.lifecycle.PropertyLifecycleContext;

/**
 * Caps the tries of a property at the system property {@code tfmesh.propertyTries} when it is set,
 * as the mutation testing profile does: each mutant then costs a few hundred cases, not thousands.
 * Without it, every property runs the tries it names. Add it with
 * {@code @AddLifecycleHook(value = PropertyTries.class, propagateTo = PropagationMode.DIRECT_DESCENDANTS)}.
 */
public class PropertyTries implements AroundPropertyHook {

	static final String CAP = "tfmesh.propertyTries";

	@Override
	public PropertyExecutionResult aroundProperty(PropertyLifecycleContext context, PropertyExecutor property) {
		String cap = System.getProperty(CAP);
		if (cap != null && !cap.isBlank()) {
			int max = Integer.parseInt(cap.strip());
			PropertyAttributes attributes = context.attributes();
			if (attributes.tries().orElse(Integer.MAX_VALUE) > max) {
				attributes.setTries(max);
			}
		}
		return property.execute();
	}

}
