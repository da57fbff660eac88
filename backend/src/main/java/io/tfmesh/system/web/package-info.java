/**
 * Web plumbing that every feature's controllers share: paging ({@link io.tfmesh.system.web.PageQuery},
 * {@link io.tfmesh.system.web.PageView}), search, versions and ETags, form errors and request
 * validation. Other modules may use its public types; everything else in {@code system} is internal.
 */
@NamedInterface("web")
package io.tfmesh.system.web;

import org.springframework.modulith.NamedInterface;
