/** The one retry facility: backoff with jitter for calls that are safe to repeat. */
@NamedInterface("retry")
package io.tfmesh.system.retry;

import org.springframework.modulith.NamedInterface;
