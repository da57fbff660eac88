package io.tfmesh.fabric.tf;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The cluster-wide settings object; there is one, {@code default-global-system-config}.
 *
 * @param autonomousSystem the global ASN, which control nodes' bgp-routers take
 * @param enable4ByteAs false when absent
 * @param ibgpAutoMesh true when absent (the schema default)
 */
public record GlobalSystemConfig(@Nullable String uuid, List<String> fqName, long autonomousSystem,
		boolean enable4ByteAs, boolean ibgpAutoMesh) implements TfObject {

	public static final String TYPE = "global-system-config";

	public static final List<String> DEFAULT_FQ_NAME = List.of("default-global-system-config");

	public GlobalSystemConfig {
		fqName = List.copyOf(fqName);
	}

	@Override
	public String type() {
		return TYPE;
	}

}
