package io.tfmesh.system.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Bounds on what one request may make tfmesh read.
 *
 * @param maxBodySize the largest request body; larger ones are refused with 413 before any of
 * it is parsed. The largest field tfmesh takes, a kubeconfig, is 1 MB.
 */
@ConfigurationProperties("tfmesh.web")
public record RequestLimits(@DefaultValue("2MB") DataSize maxBodySize) {

}
