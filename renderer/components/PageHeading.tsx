import type { ReactNode } from 'react';
import { Icon } from './Icon';

export interface Crumb {
  label: string;
  onClick(): void;
}

/** Breadcrumbs back up the path, then the page's title and whatever sits beside it. */
export function PageHeading({ crumbs, title, children }: { crumbs: Crumb[]; title: ReactNode; children?: ReactNode }) {
  return (
    <div className="page-heading">
      <nav className="crumbs" aria-label="Breadcrumbs">
        {crumbs.map((crumb, index) => (
          <span key={index} className="crumb">
            {index > 0 && <Icon name="chevron" className="crumb-sep" />}
            <button type="button" className="link-button" onClick={crumb.onClick}>
              {index === 0 && <Icon name="back" className="crumb-back" />}
              {crumb.label}
            </button>
          </span>
        ))}
      </nav>
      <div className="heading-row">
        <h1 className="heading-title">{title}</h1>
        {children}
      </div>
    </div>
  );
}
