package io.tfmesh.fabric.tf;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A TF config object as tfmesh models it: only the fields tfmesh reads or writes. Updates
 * leave every other field of the stored object as it is.
 */
public sealed interface TfObject permits Project, NetworkIpam, VirtualNetwork, NetworkPolicy, BgpRouter,
		GlobalSystemConfig {

	/** The schema name, such as {@code virtual-network}; the collection is this plus "s". */
	String type();

	/** @return null for an object that is yet to be created */
	@Nullable String uuid();

	List<String> fqName();

}
