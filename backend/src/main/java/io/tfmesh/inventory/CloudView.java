package io.tfmesh.inventory;

import java.time.Instant;
import java.util.List;

/** A cloud as the API returns it. */
public record CloudView(long id, String name, Provider provider, String region, List<String> underlayCidrs,
		String underlayGateway, long clusterCount, Instant createdAt, Instant updatedAt, long version) {

	static CloudView of(Cloud cloud, long clusterCount) {
		return new CloudView(cloud.getId(), cloud.getName(), cloud.getProvider(), cloud.getRegion(),
				cloud.getUnderlayCidrs(), cloud.getUnderlayGateway(), clusterCount, cloud.getCreatedAt(),
				cloud.getUpdatedAt(), cloud.getVersion());
	}

}
