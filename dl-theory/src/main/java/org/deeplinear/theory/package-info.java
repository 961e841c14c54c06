/**
 * The {@code dl-theory} module of deeplinear (see the project's README for the module map).
 */
package org.deeplinear.theory;
