package io.tfmesh.system.web;

import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.deser.jdk.StringDeserializer;

/**
 * Reads JSON strings as usual but refuses a NUL character: PostgreSQL cannot store one, and
 * the field that held it is the only useful thing to tell the client.
 */
class NulRefusingStringDeserializer extends StringDeserializer {

	@Override
	public String deserialize(JsonParser parser, DeserializationContext context) {
		String value = super.deserialize(parser, context);
		if (value != null && value.indexOf('\0') >= 0) {
			throw new IllegalArgumentException("must not contain NUL characters");
		}
		return value;
	}

}
