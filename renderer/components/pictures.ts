/**
 * The picker's bundled pictures (renderer/pictures, CC0): Vite copies each into the build as a
 * file and gives its same-origin URL, so the CSP's `img-src 'self'` holds. A catalog `image`
 * that is not a bundled picture (a remote URL, which the CSP would block, or a missing file)
 * falls back to the category's picture.
 */
const FILES = import.meta.glob('../pictures/**/*.svg', { eager: true, query: '?url', import: 'default' }) as Record<string, string>;

const byName = new Map(Object.entries(FILES).map(([path, url]) => [path.replace('../pictures/', ''), url]));

/** The URL of a category's tile picture (`category/<slug>.svg`, else a generic bag). */
export function categoryPicture(category: string): string {
  return byName.get(`category/${category}.svg`) ?? byName.get('category/other.svg') ?? '';
}

/** The URL of a product's picture: its bundled `image`, else its category's picture. */
export function productPicture(image: string | null, category: string): string {
  return (image !== null ? byName.get(image) : undefined) ?? categoryPicture(category);
}

/** A picture of the interface itself (`ui/<name>.svg`), e.g. the scale on the weighing panel. */
export function uiPicture(name: string): string {
  return byName.get(`ui/${name}.svg`) ?? '';
}
