package io.tfmesh.mesh;

import java.util.LinkedHashMap;
import java.util.Map;

import io.tfmesh.system.error.ConflictException;
import org.jspecify.annotations.Nullable;

/** No free block of the asked length is left in a pool (409). */
public class PoolExhaustedException extends ConflictException {

	private final String pool;

	private final @Nullable String largestFreeBlock;

	PoolExhaustedException(String meshName, Kind kind, String pool, int prefixLength, @Nullable String largestFreeBlock) {
		super("prefixLengths", "The " + kind.id() + " pool " + pool + " of mesh " + meshName + " has no free /"
				+ prefixLength + " left; "
				+ (largestFreeBlock == null ? "it is full" : "the largest free block is " + largestFreeBlock));
		this.pool = pool;
		this.largestFreeBlock = largestFreeBlock;
	}

	@Override
	public Map<String, Object> properties() {
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("pool", pool);
		properties.put("largestFreeBlock", largestFreeBlock);
		return properties;
	}

	public String pool() {
		return pool;
	}

	public @Nullable String largestFreeBlock() {
		return largestFreeBlock;
	}

}
