package io.tfmesh.system;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings shared by every feature.
 *
 * @param dataDir where tfmesh keeps its embedded database, its generated secret key and
 * the sandbox state; created on start
 */
@ConfigurationProperties("tfmesh")
public record TfmeshSettings(@DefaultValue("./data") Path dataDir) {

	public Path dataDir() {
		return dataDir.toAbsolutePath().normalize();
	}

}
