/**
 * Internal: the value codec, which turns the supported values into bytes and back (see
 * docs/PROTOCOL.md, "Values"), with the trusted-package checks. Not API.
 */
package io.sharedmemory.core.internal.codec;
